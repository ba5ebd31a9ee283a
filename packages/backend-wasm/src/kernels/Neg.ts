import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Neg: WasmKernel<'Neg'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Neg');
