import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Less: WebGPUKernel<'Less'> = (backend, { a, b }) => comparison(backend, 'Less', a, b);
