import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Reciprocal: WebGPUKernel<'Reciprocal'> = (backend, { x }) => unary(backend, 'Reciprocal', x);
