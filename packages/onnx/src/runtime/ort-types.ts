/*
 * The part of onnxruntime's JavaScript API (onnxruntime-common, shared by onnxruntime-node and
 * onnxruntime-web) the predictor uses, declared here so @snn/onnx's types need neither installed.
 */

export type OrtTensorType = 'float32' | 'uint8' | 'int32' | 'int64' | 'bool';

export interface OrtTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionProviders?: readonly unknown[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  enableMemPattern?: boolean;
}

/** onnxruntime-node's or onnxruntime-web's module. */
export interface OrtModule {
  readonly InferenceSession: { create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession> };
  readonly Tensor: new (
    type: OrtTensorType,
    data: Float32Array | Uint8Array,
    dims: readonly number[],
  ) => OrtTensor;
}
