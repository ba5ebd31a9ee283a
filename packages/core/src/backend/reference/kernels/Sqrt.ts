import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Square root (NaN below 0). */
export const Sqrt: ReferenceKernel<'Sqrt'> = (inputs, _attrs, store) =>
  unaryFloat(store, inputs.x, Math.sqrt);
