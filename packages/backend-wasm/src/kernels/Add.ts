import { ARITH_OP, arithmetic } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Add: WasmKernel<'Add'> = (inputs, _attrs, ctx) =>
  arithmetic(ctx, inputs, 'Add', ARITH_OP.Add, (x, y) => x + y);
