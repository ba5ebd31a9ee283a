import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const LessEqual: WebGPUKernel<'LessEqual'> = (backend, { a, b }) =>
  comparison(backend, 'LessEqual', a, b);
