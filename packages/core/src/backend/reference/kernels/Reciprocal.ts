import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** 1 / x (Infinity at 0). */
export const Reciprocal: ReferenceKernel<'Reciprocal'> = (inputs, _attrs, store) =>
  unaryFloat(store, inputs.x, (x) => 1 / x);
