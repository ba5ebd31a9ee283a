import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Natural log (-Infinity at 0, NaN below). */
export const Log: ReferenceKernel<'Log'> = (inputs, _attrs, store) => unaryFloat(store, inputs.x, Math.log);
