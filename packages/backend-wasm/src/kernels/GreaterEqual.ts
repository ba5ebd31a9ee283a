import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const GreaterEqual: WasmKernel<'GreaterEqual'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'GreaterEqual', COMPARE_OP.GreaterEqual, (x, y) => x >= y);
