import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Sqrt: WasmKernel<'Sqrt'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Sqrt');
