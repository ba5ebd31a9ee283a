import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Sign: WasmKernel<'Sign'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Sign');
