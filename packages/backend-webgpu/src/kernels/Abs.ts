import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Abs: WebGPUKernel<'Abs'> = (backend, { x }) => unary(backend, 'Abs', x);
