import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** |x|. */
export const Abs: ReferenceKernel<'Abs'> = (inputs, _attrs, store) => unaryFloat(store, inputs.x, Math.abs);
