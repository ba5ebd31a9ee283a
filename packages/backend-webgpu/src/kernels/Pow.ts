import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Pow: WebGPUKernel<'Pow'> = (backend, { a, b }) => arithmetic(backend, 'Pow', a, b);
