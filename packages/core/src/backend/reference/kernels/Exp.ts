import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** e^x. */
export const Exp: ReferenceKernel<'Exp'> = (inputs, _attrs, store) => unaryFloat(store, inputs.x, Math.exp);
