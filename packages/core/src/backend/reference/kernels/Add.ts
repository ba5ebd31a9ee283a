import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a + b; int32 wraps modulo 2^32 as in C (the Int32Array store does it). */
export const Add: ReferenceKernel<'Add'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => a + b,
    (a, b) => a + b,
  );
