import { COMPARE_OP, comparison } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const Less: WasmKernel<'Less'> = (inputs, _attrs, ctx) =>
  comparison(ctx, inputs, 'Less', COMPARE_OP.Less, (x, y) => x < y);
