import type { WasmKernel } from './kernel.js';
import { unary } from './unary.js';

export const Floor: WasmKernel<'Floor'> = ({ x }, _attrs, ctx) => unary(ctx, x, 'Floor');
