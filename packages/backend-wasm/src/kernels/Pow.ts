import { arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

/** a ** b on the host (double precision, rounded once): rare, and exact where the reference is. */
export const Pow: WasmKernel<'Pow'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Pow', undefined, (x, y) => x ** y);
