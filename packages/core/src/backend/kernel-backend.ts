import type { KernelTable } from '../kernels/kernel-signatures.js';
import type { BackendValues, DataId, DType } from '../tensor/tensor-info.js';

/**
 * A backend is storage plus forward kernels. Autograd, neuron math and gradient rules live in core,
 * above this interface, so every backend trains with the same gradients.
 * `specificationVersion` lets core refuse a backend written against another version of this interface.
 */
export interface KernelBackend {
  /** The version of this interface the backend implements; core accepts 'v1'. */
  readonly specificationVersion: 'v1';
  /** 'reference' | 'tfjs-wasm' | 'tfjs-cpu' | 'tfjs-node' | 'webgpu' | ... */
  readonly name: string;
  /** The kernels this backend implements: every required one, and any optional ones. */
  readonly kernels: KernelTable;
  /**
   * Which surrogates this backend's surrogate kernels (SURROGATE_KERNELS: SpikeGrad, LIFSequenceGrad)
   * compute natively. Core sends a call whose `surrogate` attr the backend does not support (or every
   * such call, when this is absent) to its decomposition instead. A backend that generates its code
   * from the surrogate's expression answers `hasSurrogateExpression(name)`; the set is open, so a
   * backend never lists names.
   */
  supportsSurrogate?(name: string): boolean;
  /** Takes ownership of a copy of `values` (the caller may reuse its array). */
  write(values: BackendValues, shape: readonly number[], dtype: DType): DataId;
  /** Async read of the data behind an id, as a fresh typed array of the dtype's kind. Includes all work
   * enqueued before the call (a batching backend submits it itself): core never flushes before a read. */
  read(dataId: DataId): Promise<BackendValues>;
  /** Sync read, where the backend can (CPU backends). GPU backends leave it out. */
  readSync?(dataId: DataId): BackendValues;
  /** Frees the data; the id is never used again. */
  disposeData(dataId: DataId): void;
  /** Submits batched work (GPU backends); resolves when it has been submitted. */
  flush?(): Promise<void>;
  /** Live buffers and their bytes, for leak tests. */
  memory(): {
    /** How many data buffers the backend holds. */
    buffers: number;
    /** Their total size, in bytes. */
    bytes: number;
  };
  /** Frees everything the backend holds. */
  dispose?(): void;
}

/** Makes a backend; may be async (WebGPU adapters, wasm modules). Throwing means "cannot start here". */
export type BackendFactory = () => KernelBackend | Promise<KernelBackend>;
