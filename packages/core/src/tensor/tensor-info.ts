/** The element types a tensor may hold. `bool` is stored as 0/1 bytes (Uint8Array). */
export type DType = 'float32' | 'int32' | 'bool';

/** An opaque handle to data a backend owns (a typed array, a GPUBuffer, a tf.Tensor...). */
export type DataId = object;

/** What core knows of data: an opaque id plus its shape and dtype. Never a GPUBuffer or tf.Tensor. */
export interface TensorInfo {
  /** The backend's handle to the data. */
  readonly dataId: DataId;
  /** Sizes of the axes, outermost first. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
}

/** Typed array for each dtype: float32 -> Float32Array, int32 -> Int32Array, bool -> Uint8Array. */
export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'int32'
    ? Int32Array
    : Uint8Array;

/** The typed arrays tensor values are read and written as (see TypedArrayFor). */
export type BackendValues = Float32Array | Int32Array | Uint8Array;
