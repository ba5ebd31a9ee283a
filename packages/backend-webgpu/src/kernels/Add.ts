import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Add: WebGPUKernel<'Add'> = (backend, { a, b }) => arithmetic(backend, 'Add', a, b);
