import type { WebGPUKernel } from './kernel.js';
import { MATMUL_PROGRAM, matMul } from './matmul-shader.js';

export const MatMul: WebGPUKernel<'MatMul'> = (backend, { a, b }, { transposeA, transposeB }) =>
  matMul(backend, MATMUL_PROGRAM, a, b, transposeA, transposeB);
