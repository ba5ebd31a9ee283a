import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Tanh: WebGPUKernel<'Tanh'> = (backend, { x }) => unary(backend, 'Tanh', x);
