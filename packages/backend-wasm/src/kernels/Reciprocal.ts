import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Reciprocal: WasmKernel<'Reciprocal'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Reciprocal');
