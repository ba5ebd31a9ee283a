import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Minimum: WebGPUKernel<'Minimum'> = (backend, { a, b }) => arithmetic(backend, 'Minimum', a, b);
