import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Floor: WebGPUKernel<'Floor'> = (backend, { x }) => unary(backend, 'Floor', x);
