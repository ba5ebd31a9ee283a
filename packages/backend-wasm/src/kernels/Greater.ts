import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Greater: WasmKernel<'Greater'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'Greater', COMPARE_OP.Greater, (x, y) => x > y);
