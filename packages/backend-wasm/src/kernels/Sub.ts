import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Sub: WasmKernel<'Sub'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Sub', ARITH_OP.Sub, (x, y) => x - y);
