import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a ** b (NaN for a negative base with a fractional exponent, as in PyTorch). */
export const Pow: ReferenceKernel<'Pow'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => a ** b,
    (a, b) => a ** b,
  );
