import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Abs: WasmKernel<'Abs'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Abs');
