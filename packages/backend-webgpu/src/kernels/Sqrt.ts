import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Sqrt: WebGPUKernel<'Sqrt'> = (backend, { x }) => unary(backend, 'Sqrt', x);
