import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Round toward -Infinity. */
export const Floor: ReferenceKernel<'Floor'> = (inputs, _attrs, store) =>
  unaryFloat(store, inputs.x, Math.floor);
