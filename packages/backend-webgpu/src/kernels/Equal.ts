import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Equal: WebGPUKernel<'Equal'> = (backend, { a, b }) => comparison(backend, 'Equal', a, b);
