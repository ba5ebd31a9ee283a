import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const NotEqual: WebGPUKernel<'NotEqual'> = (backend, { a, b }) =>
  comparison(backend, 'NotEqual', a, b);
