import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Neg: WebGPUKernel<'Neg'> = (backend, { x }) => unary(backend, 'Neg', x);
