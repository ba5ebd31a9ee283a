import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Maximum: WasmKernel<'Maximum'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Maximum', ARITH_OP.Maximum, Math.max);
