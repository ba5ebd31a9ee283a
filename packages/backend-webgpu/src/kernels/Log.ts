import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Log: WebGPUKernel<'Log'> = (backend, { x }) => unary(backend, 'Log', x);
