import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** -1, 0 or 1 (NaN stays NaN). */
export const Sign: ReferenceKernel<'Sign'> = (inputs, _attrs, store) =>
  unaryFloat(store, inputs.x, Math.sign);
