import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Greater: WebGPUKernel<'Greater'> = (backend, { a, b }) => comparison(backend, 'Greater', a, b);
