import { comparison } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** a <= b, bool out (NaN compares false except under NotEqual, as IEEE 754). */
export const LessEqual: ReferenceKernel<'LessEqual'> = (inputs, _attrs, store) =>
  comparison(store, inputs, (a, b) => a <= b);
