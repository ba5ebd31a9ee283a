import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Log: WasmKernel<'Log'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Log');
