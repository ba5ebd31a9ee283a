import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const GreaterEqual: WebGPUKernel<'GreaterEqual'> = (backend, { a, b }) =>
  comparison(backend, 'GreaterEqual', a, b);
