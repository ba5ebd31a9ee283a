import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

/** bool AND bool -> bool. */
export const LogicalAnd: WebGPUKernel<'LogicalAnd'> = (backend, { a, b }) =>
  comparison(backend, 'LogicalAnd', a, b);
