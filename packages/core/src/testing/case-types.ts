import type { KernelName } from '../kernels/kernel-signatures.js';
import type { BackendValues, DType } from '../tensor/tensor-info.js';

/** A tensor in a conformance case: values in row-major order. dtype defaults to float32. */
export interface TensorSpec {
  readonly values: readonly number[] | BackendValues;
  readonly shape: readonly number[];
  readonly dtype?: DType;
}

/**
 * One data-driven conformance case: run `kernel(inputs, attrs)` on a backend and compare each output
 * with `expected` (shape, dtype and values), or hand the outputs to `check`.
 * Expected values are written by hand or computed by a plain host formula in the case file, never by
 * a backend.
 */
export interface KernelCase {
  readonly kernel: KernelName;
  readonly name: string;
  readonly inputs: Readonly<Record<string, TensorSpec | readonly TensorSpec[]>>;
  readonly attrs?: object;
  /** One spec per output, in the kernel's documented order (a single spec for single-output kernels). */
  readonly expected?: TensorSpec | readonly TensorSpec[];
  /** Absolute and relative tolerance for float32 values: |got - want| <= tol * (1 + |want|). Default 1e-5. */
  readonly tolerance?: number;
  /** Custom assertions on the outputs (read back as typed arrays); throw with a clear message on failure. */
  readonly check?: (
    outputs: readonly { values: BackendValues; shape: readonly number[]; dtype: DType }[],
  ) => void;
}

export const t = (
  values: readonly number[] | BackendValues,
  shape: readonly number[],
  dtype?: DType,
): TensorSpec => (dtype === undefined ? { values, shape } : { values, shape, dtype });
