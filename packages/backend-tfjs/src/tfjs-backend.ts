import {
  ArgumentError,
  type BackendValues,
  type DataId,
  type DType,
  formatShape,
  hasSurrogateExpression,
  type KernelBackend,
  type KernelTable,
  sizeFromShape,
} from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { TfKernelRunner } from './kernel-context.js';
import { buildKernelTable } from './kernels/index.js';
import { TfData } from './tf-data.js';
import { activateTfBackend, startTfBackend, TF_BACKEND_NAME, type TfBackendKind } from './tf-runtime.js';

/**
 * Options of {@link createTfjsBackend}.
 *
 * @example
 * ```ts
 * const backend = await createTfjsBackend({ tfBackend: 'cpu' });
 * ```
 */
export interface TfjsBackendOptions {
  /** Which tfjs backend runs the kernels: 'wasm', 'cpu' or 'node'. Default 'wasm'. */
  tfBackend?: TfBackendKind;
}

const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

/**
 * A KernelBackend whose data are tf.Tensors and whose kernels are tfjs-core ops. tfjs keeps one
 * global active backend, so every kernel first makes ours active again (a no-op in the usual case).
 * Create one with {@link createTfjsBackend}, or register all three kinds with
 * {@link registerTfjsBackends} and let core's `ready()` choose.
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { createTfjsBackend } from '@snn/backend-tfjs';
 *
 * const backend = await createTfjsBackend({ tfBackend: 'wasm' });
 * console.log(backend.name, backend.memory()); // 'tfjs-wasm' { buffers: 0, bytes: 0 }
 * ```
 */
export class TfjsBackend implements KernelBackend {
  /** The version of core's KernelBackend interface this backend implements. */
  readonly specificationVersion = 'v1' as const;
  readonly name: string;
  readonly kernels: KernelTable;
  private readonly live = new Set<TfData>();
  private readonly runner: TfKernelRunner;
  private readonly tfName: string;

  /** Use createTfjsBackend(): the tfjs backend must be started (async) first. */
  constructor(
    /** The tfjs backend the kernels run on: 'wasm', 'cpu' or 'node'. */
    readonly tfBackend: TfBackendKind,
  ) {
    this.name = `tfjs-${tfBackend}`;
    this.tfName = TF_BACKEND_NAME[tfBackend];
    this.runner = new TfKernelRunner(
      tfBackend,
      () => activateTfBackend(this.tfName),
      (data) => this.live.add(data),
    );
    this.kernels = buildKernelTable(this.runner);
  }

  /** SpikeGrad and LIFSequenceGrad interpret any surrogate that has an expression (kernels/surrogate.ts). */
  supportsSurrogate(name: string): boolean {
    return hasSurrogateExpression(name);
  }

  write(values: BackendValues, shape: readonly number[], dtype: DType): DataId {
    const size = sizeFromShape(shape);
    if (values.length !== size) {
      throw new ArgumentError(
        `${this.name}.write: ${values.length} values do not fill shape ${formatShape(shape)} (${size})`,
      );
    }
    activateTfBackend(this.tfName);
    // tfjs's cpu backend keeps the array it is given; the interface promises the caller may reuse it.
    const copy = this.tfBackend === 'wasm' ? values : values.slice();
    const t = tf.tensor(copy, shape as number[], dtype);
    tf.keep(t);
    return this.runner.adopt(t);
  }

  async read(dataId: DataId): Promise<BackendValues> {
    const t = this.tensorOf(dataId, 'read');
    return copyOut(await t.data(), t.dtype);
  }

  readSync(dataId: DataId): BackendValues {
    const t = this.tensorOf(dataId, 'readSync');
    return copyOut(t.dataSync(), t.dtype);
  }

  disposeData(dataId: DataId): void {
    const data = dataId as TfData;
    if (!(data instanceof TfData) || data.disposed) return;
    this.live.delete(data);
    data.dispose();
  }

  /**
   * Live data this backend holds: `buffers` is the count of tensors, `bytes` their total size in
   * bytes (4 per float32/int32 element, 1 per bool).
   */
  memory(): {
    /** Number of live tensors. */
    buffers: number;
    /** Their total size, in bytes. */
    bytes: number;
  } {
    let bytes = 0;
    for (const d of this.live) bytes += d.tensor.size * BYTES[d.tensor.dtype as DType];
    return { buffers: this.live.size, bytes };
  }

  dispose(): void {
    for (const d of [...this.live]) this.disposeData(d);
  }

  private tensorOf(dataId: DataId, op: string): tf.Tensor {
    const data = dataId as TfData;
    if (!(data instanceof TfData) || data.disposed) {
      throw new ArgumentError(`${this.name}.${op}: the data is disposed or belongs to another backend`);
    }
    activateTfBackend(this.tfName);
    return data.tensor;
  }
}

/** A fresh typed array of the dtype's kind: tfjs's cpu backend returns its own storage. */
function copyOut(values: unknown, dtype: string): BackendValues {
  const v = values as ArrayLike<number> & Iterable<number>;
  if (dtype === 'bool') return v instanceof Uint8Array ? v.slice() : Uint8Array.from(v);
  if (dtype === 'int32') return v instanceof Int32Array ? v.slice() : Int32Array.from(v);
  return v instanceof Float32Array ? v.slice() : Float32Array.from(v);
}

/**
 * Starts the chosen tfjs backend and returns a KernelBackend over it (no registry involved).
 *
 * @param options - `tfBackend`: 'wasm' (default), 'cpu' or 'node' (needs `@tensorflow/tfjs-node`).
 * @returns The started backend.
 * @throws ArgumentError for an unknown `tfBackend`; the start error when that tfjs backend cannot start.
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { createTfjsBackend } from '@snn/backend-tfjs';
 *
 * snn.registerBackend('my-tfjs', () => createTfjsBackend({ tfBackend: 'cpu' }), 10);
 * await snn.setBackend('my-tfjs');
 * ```
 */
export async function createTfjsBackend(options: TfjsBackendOptions = {}): Promise<TfjsBackend> {
  const kind = options.tfBackend ?? 'wasm';
  if (kind !== 'wasm' && kind !== 'cpu' && kind !== 'node') {
    throw new ArgumentError(`createTfjsBackend: tfBackend must be 'wasm', 'cpu' or 'node', got '${kind}'`);
  }
  await startTfBackend(kind);
  return new TfjsBackend(kind);
}
