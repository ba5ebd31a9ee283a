import { broadcastShapes } from '@snn/core';
import { nonZero } from '../program.js';
import { elementwiseProgram, runElementwise } from './elementwise-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** condition ? a : b, all three broadcast together (condition is bool, stored as u32). */
export const Where: WebGPUKernel<'Where'> = (backend, { condition, a, b }) => {
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape, 'Where'), b.shape, 'Where');
  const program = elementwiseProgram(
    `Where:${condition.dtype}:${a.dtype}`,
    [condition.dtype, a.dtype, b.dtype],
    a.dtype,
    `select(v2, v1, ${nonZero(condition.dtype, 'v0')})`,
  );
  return runElementwise(backend, program, [condition, a, b], shape, a.dtype, 'Where');
};
