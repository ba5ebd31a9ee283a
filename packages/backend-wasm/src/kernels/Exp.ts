import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Exp: WasmKernel<'Exp'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Exp');
