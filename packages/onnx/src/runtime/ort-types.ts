/*
 * The part of onnxruntime's JavaScript API (onnxruntime-common, shared by onnxruntime-node and
 * onnxruntime-web) the predictor uses, declared here so @snn/onnx's types need neither installed.
 */

export type OrtTensorType = 'float32' | 'uint8' | 'int32' | 'int64' | 'bool';

/**
 * An onnxruntime tensor (onnxruntime-common's `Tensor`), as {@link OnnxPredictor.run} returns them.
 *
 * @example
 * ```ts
 * const predictor = await loadOnnx('model.onnx');
 * const out = await predictor.run({ x: { data: new Float32Array(784), dims: [1, 784] } });
 * const scores = out.scores.data as Float32Array; // out.scores.dims: [1, 10]
 * ```
 */
export interface OrtTensor {
  /** Element type: 'float32', 'uint8', 'int64', ... */
  readonly type: string;
  /** The elements, row-major: a typed array matching `type` (Float32Array for 'float32'). */
  readonly data: unknown;
  /** The shape. */
  readonly dims: readonly number[];
  /** Frees the tensor's memory now (GPU tensors of onnxruntime-web); optional. */
  dispose?(): void;
}

/**
 * An onnxruntime `InferenceSession` (Node or web), the part {@link OnnxPredictor} uses.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import type { OrtSession } from '@snn/onnx';
 * import * as ort from 'onnxruntime-node';
 * const bytes = await readFile('model.onnx');
 * const session: OrtSession = await ort.InferenceSession.create(bytes);
 * console.log(session.inputNames, session.outputNames); // ['x'] ['scores']
 * ```
 */
export interface OrtSession {
  /** The graph's input names, in order. */
  readonly inputNames: readonly string[];
  /** The graph's output names, in order. */
  readonly outputNames: readonly string[];
  /** Runs the graph once on these inputs (by name); resolves to every output, by name. */
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  /** Frees the session; it cannot run afterwards. */
  release(): Promise<void>;
}

export interface OrtSessionOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  executionProviders?: readonly unknown[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  enableMemPattern?: boolean;
}

/**
 * onnxruntime-node's or onnxruntime-web's module.
 *
 * @example
 * ```ts
 * import { OnnxPredictor, type OrtModule } from '@snn/onnx';
 * import * as ort from 'onnxruntime-web';
 * const bytes = new Uint8Array(await (await fetch('model.onnx')).arrayBuffer());
 * // onnxruntime's own typings (overloaded create) need the cast; the objects are the same.
 * const runtime = ort as unknown as OrtModule;
 * const predictor = await OnnxPredictor.create(runtime, bytes, { executionProviders: ['wasm'] });
 * ```
 */
export interface OrtModule {
  /** The session class; `create` compiles a model from its bytes. */
  readonly InferenceSession: {
    /** Load a model (the bytes of a `.onnx` file) with these session options. */
    create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSession>;
  };
  /** The tensor class: `new Tensor(type, data, dims)`. */
  readonly Tensor: {
    /** A tensor of element type `type` holding `data` (row-major) of shape `dims`. */
    new (type: OrtTensorType, data: Float32Array | Uint8Array, dims: readonly number[]): OrtTensor;
  };
}
