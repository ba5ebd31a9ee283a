import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a * b; int32 uses Math.imul so large products wrap exactly instead of losing bits in float64. */
export const Mul: ReferenceKernel<'Mul'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => a * b,
    (a, b) => Math.imul(a, b),
  );
