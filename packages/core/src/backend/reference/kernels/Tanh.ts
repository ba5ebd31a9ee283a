import { unaryFloat } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Hyperbolic tangent. */
export const Tanh: ReferenceKernel<'Tanh'> = (inputs, _attrs, store) =>
  unaryFloat(store, inputs.x, Math.tanh);
