import { ENGINE } from '../engine/engine.js';
import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import type { DType } from '../tensor/tensor-info.js';

/** Where a tensor is expected, a plain number may be given (a scalar of the other operand's dtype). */
export type TensorLike = Tensor | number;

/** Checks `x` is a live tensor (or turns a number into a cached scalar constant of `dtype`). */
export function toTensor(x: TensorLike, op: string, dtype: DType = 'float32'): Tensor {
  if (typeof x === 'number') return ENGINE.scalarConst(x, dtype);
  ENGINE.assertUsable(x, op);
  return x;
}

/** Normalizes one axis (negative counts from the end). */
export function normAxis(axis: number, rank: number, op: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new ArgumentError(`${op}: axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalizes axes to sorted, unique, non-negative; undefined means all axes. */
export function normAxes(axes: number | readonly number[] | undefined, rank: number, op: string): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = [...new Set(list.map((a) => normAxis(a, rank, op)))];
  return out.sort((a, b) => a - b);
}

/** The dtype two operands compute in: equal dtypes stay, otherwise float32 wins, then int32. */
export function commonDType(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'int32';
}

/**
 * Runs a public op's body in its own tidy scope, as tfjs's op() does: operand casts, intermediate
 * reshape handles and the inner results of a composite op are freed when it returns, so only its
 * result lives on, inside or outside the caller's tidy.
 */
export function scoped<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/** `x` as `dtype` (no-op when it already is). */
export function ensureDType(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : ENGINE.runKernel('Cast', { x }, { dtype });
}

/** Two operands as tensors of one dtype; a number takes the tensor's dtype. */
export function operands(a: TensorLike, b: TensorLike, op: string, arithmetic: boolean): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') {
    return [ENGINE.scalarConst(a, 'float32'), ENGINE.scalarConst(b, 'float32')];
  }
  let dtype: DType;
  if (typeof a === 'number') dtype = (b as Tensor).dtype;
  else if (typeof b === 'number') dtype = a.dtype;
  else dtype = commonDType(a.dtype, b.dtype);
  // Arithmetic on bool computes in float32 (as PyTorch promotes bool to a number type).
  if (arithmetic && dtype === 'bool') dtype = 'float32';
  // A non-integer number with an int tensor computes in float32.
  if (
    dtype === 'int32' &&
    ((typeof a === 'number' && !Number.isInteger(a)) || (typeof b === 'number' && !Number.isInteger(b)))
  ) {
    dtype = 'float32';
  }
  const ta = ensureDType(toTensor(a, op, dtype), dtype);
  const tb = ensureDType(toTensor(b, op, dtype), dtype);
  return [ta, tb];
}
