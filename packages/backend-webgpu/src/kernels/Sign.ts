import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Sign: WebGPUKernel<'Sign'> = (backend, { x }) => unary(backend, 'Sign', x);
