import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Maximum: WebGPUKernel<'Maximum'> = (backend, { a, b }) => arithmetic(backend, 'Maximum', a, b);
