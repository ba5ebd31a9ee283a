import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const LessEqual: WasmKernel<'LessEqual'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'LessEqual', COMPARE_OP.LessEqual, (x, y) => x <= y);
