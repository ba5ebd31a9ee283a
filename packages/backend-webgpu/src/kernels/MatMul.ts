import { ArgumentError } from '@snn/core';
import type { WebGPUKernel } from './kernel.js';
import { MATMUL_PROGRAM, matMul } from './matmul-shader.js';

export const MatMul: WebGPUKernel<'MatMul'> = (backend, { a, b }, { transposeA, transposeB }) => {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    throw new ArgumentError(`MatMul: expects float32 operands, got ${a.dtype} and ${b.dtype}`);
  }
  return matMul(backend, MATMUL_PROGRAM, a, b, transposeA, transposeB);
};
