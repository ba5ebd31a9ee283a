import { logicalAnd } from './binary.js';
import type { WasmKernel } from './kernel.js';

export const LogicalAnd: WasmKernel<'LogicalAnd'> = (inputs, _attrs, ctx) => logicalAnd(ctx, inputs);
