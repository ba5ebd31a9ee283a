import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Sub: WebGPUKernel<'Sub'> = (backend, { a, b }) => arithmetic(backend, 'Sub', a, b);
