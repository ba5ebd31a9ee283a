import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a / b; int32 is floor division (as tfjs and PyTorch floor_divide); a zero divisor stores 0 for int32. */
export const Div: ReferenceKernel<'Div'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => a / b,
    (a, b) => Math.floor(a / b),
  );
