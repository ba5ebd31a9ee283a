import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Minimum: WasmKernel<'Minimum'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Minimum', ARITH_OP.Minimum, Math.min);
