import { arithmetic } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

export const Div: WebGPUKernel<'Div'> = (backend, { a, b }) => arithmetic(backend, 'Div', a, b);
