import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a - b; int32 wraps modulo 2^32. */
export const Sub: ReferenceKernel<'Sub'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => a - b,
    (a, b) => a - b,
  );
