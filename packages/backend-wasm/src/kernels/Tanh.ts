import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Tanh: WasmKernel<'Tanh'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Tanh');
