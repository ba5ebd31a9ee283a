import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** -x. */
export const Neg: ReferenceKernel<'Neg'> = (inputs, _attrs, store) => unaryFloat(store, inputs.x, (x) => -x);
