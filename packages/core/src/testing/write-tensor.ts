import type { KernelBackend } from '../backend/kernel-backend.js';
import type { BackendValues, DType, TensorInfo } from '../tensor/tensor-info.js';

/** Host values as the typed array a backend stores for `dtype` (float32, int32, bool as uint8). */
export function typedValues(values: ArrayLike<number>, dtype: DType): BackendValues {
  if (dtype === 'float32') return Float32Array.from(values);
  if (dtype === 'int32') return Int32Array.from(values);
  return Uint8Array.from(values);
}

/** Writes host values to `backend` and returns the TensorInfo a kernel takes: for kernel-level tests. */
export function writeTensorInfo(
  backend: Pick<KernelBackend, 'write'>,
  values: ArrayLike<number>,
  shape: number[],
  dtype: DType = 'float32',
): TensorInfo {
  return { dataId: backend.write(typedValues(values, dtype), shape, dtype), shape, dtype };
}
