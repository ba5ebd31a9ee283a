import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const NotEqual: WasmKernel<'NotEqual'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'NotEqual', COMPARE_OP.NotEqual, (x, y) => x !== y);
