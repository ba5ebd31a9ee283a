import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Equal: WasmKernel<'Equal'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'Equal', COMPARE_OP.Equal, (x, y) => x === y);
