import type { WebGPUKernel } from './kernel.js';
import { unary } from './unary-ops.js';

export const Exp: WebGPUKernel<'Exp'> = (backend, { x }) => unary(backend, 'Exp', x);
