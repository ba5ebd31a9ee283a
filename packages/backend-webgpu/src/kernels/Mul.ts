import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Mul: WebGPUKernel<'Mul'> = (backend, { a, b }) => arithmetic(backend, 'Mul', a, b);
