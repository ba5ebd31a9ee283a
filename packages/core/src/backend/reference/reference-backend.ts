import { ArgumentError } from '../../errors.js';
import type { KernelName, KernelTable } from '../../kernels/kernel-signatures.js';
import { formatShape, sizeFromShape } from '../../kernels/shape-utils.js';
import { getSurrogate } from '../../surrogate/registry.js';
import type { BackendValues, DataId, DType } from '../../tensor/tensor-info.js';
import type { KernelBackend } from '../kernel-backend.js';
import { optionalKernels } from './kernels/optional.js';
import { requiredKernels } from './kernels/required.js';
import type { ReferenceKernel } from './reference-kernel.js';
import { allocate, ReferenceStore } from './store.js';

/**
 * The pure-TypeScript backend over typed arrays: the ground truth for tests and the fallback that
 * makes @snn/core work with nothing else installed. Clear code over speed.
 *
 * @example
 * ```ts
 * await setBackend('reference'); // always registered, at priority 0
 * console.log(getBackend() instanceof ReferenceBackend); // true
 * ```
 */
export class ReferenceBackend implements KernelBackend {
  /** The KernelBackend interface version it implements. */
  readonly specificationVersion = 'v1' as const;
  readonly name = 'reference';
  readonly kernels: KernelTable;
  private readonly store = new ReferenceStore();

  constructor() {
    const table: Record<string, unknown> = {};
    const all: { [K in KernelName]?: ReferenceKernel<K> } = { ...requiredKernels, ...optionalKernels };
    for (const [name, kernel] of Object.entries(all) as [KernelName, ReferenceKernel<KernelName>][]) {
      // biome-ignore lint/suspicious/noExplicitAny: inputs/attrs are typed per kernel by KernelTable.
      table[name] = (inputs: any, attrs: any) => kernel(inputs, attrs, this.store);
    }
    this.kernels = table as KernelTable;
  }

  /** Every surrogate with a host formula: compiled from its expression, or its own `host`. */
  supportsSurrogate(name: string): boolean {
    const def = getSurrogate(name);
    return def !== undefined && (def.derivative !== undefined || def.host !== undefined);
  }

  write(values: BackendValues, shape: readonly number[], dtype: DType): DataId {
    const size = sizeFromShape(shape);
    if (values.length !== size) {
      throw new ArgumentError(`write: ${values.length} values do not fill shape ${formatShape(shape)}`);
    }
    // Copy into the dtype's own array kind: the caller may reuse its array, and a Float32Array
    // written as int32 must be converted, not reinterpreted.
    const copy = allocate(dtype, size);
    if (dtype === 'bool') for (let i = 0; i < size; i++) copy[i] = values[i] !== 0 ? 1 : 0;
    else copy.set(values);
    return this.store.adopt(copy);
  }

  async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  readSync(dataId: DataId): BackendValues {
    return this.store.values(dataId).slice();
  }

  disposeData(dataId: DataId): void {
    this.store.dispose(dataId);
  }

  /** Live buffers and their bytes, for leak tests. */
  memory(): {
    /** How many data buffers the backend holds. */
    buffers: number;
    /** Their total size, in bytes. */
    bytes: number;
  } {
    return this.store.memory();
  }

  dispose(): void {
    this.store.disposeAll();
  }
}

/**
 * A new reference backend (core registers one as 'reference' at priority 0; make your own for tests or
 * to register it under another name).
 *
 * @example
 * ```ts
 * registerBackend('ref', createReferenceBackend, 5);
 * await setBackend('ref');
 * ```
 */
export function createReferenceBackend(): ReferenceBackend {
  return new ReferenceBackend();
}
