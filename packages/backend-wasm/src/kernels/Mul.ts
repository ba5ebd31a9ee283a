import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Mul: WasmKernel<'Mul'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Mul', ARITH_OP.Mul, (x, y) => x * y);
