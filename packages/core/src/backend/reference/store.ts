import { ArgumentError, SnnError } from '../../errors.js';
import { sizeFromShape } from '../../kernels/shape-utils.js';
import type { BackendValues, DataId, DType, TensorInfo } from '../../tensor/tensor-info.js';

/** One buffer of the reference backend. The object itself is the opaque DataId handed to core. */
export interface ReferenceData {
  readonly values: BackendValues;
}

/**
 * The reference backend's storage, as its kernels see it: read an input's values, wrap a freshly
 * computed typed array as an output (no copy: kernels always allocate their outputs).
 */
export class ReferenceStore {
  private readonly buffers = new Set<ReferenceData>();
  private bytes = 0;

  /** Adopts `values` (no copy) and returns its id. */
  adopt(values: BackendValues): ReferenceData {
    const data: ReferenceData = { values };
    this.buffers.add(data);
    this.bytes += values.byteLength;
    return data;
  }

  /** The values behind an id; throws if it was disposed or belongs to another backend. */
  values(dataId: DataId): BackendValues {
    const data = dataId as ReferenceData;
    if (!this.buffers.has(data)) {
      throw new SnnError('reference backend: this data was disposed or belongs to another backend');
    }
    return data.values;
  }

  /** Values of an input tensor, checked against its declared size. */
  get(info: TensorInfo): BackendValues {
    const values = this.values(info.dataId);
    if (values.length !== sizeFromShape(info.shape)) {
      throw new ArgumentError(
        `reference backend: tensor of shape [${info.shape.join(', ')}] holds ${values.length} values`,
      );
    }
    return values;
  }

  /** Values of a float32 input (core validated its dtype). */
  getFloat(info: TensorInfo): Float32Array {
    return this.get(info) as Float32Array;
  }

  /** Wraps freshly computed values as an output tensor. */
  output(values: BackendValues, shape: readonly number[], dtype: DType): TensorInfo {
    return { dataId: this.adopt(values), shape: [...shape], dtype };
  }

  dispose(dataId: DataId): void {
    const data = dataId as ReferenceData;
    if (this.buffers.delete(data)) this.bytes -= data.values.byteLength;
  }

  disposeAll(): void {
    this.buffers.clear();
    this.bytes = 0;
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.buffers.size, bytes: this.bytes };
  }
}

/** A fresh zeroed typed array of the dtype's kind. */
export function allocate(dtype: DType, size: number): BackendValues {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}
