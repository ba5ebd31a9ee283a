import type { DType } from '@snn/core';
import { nonZero } from '../program.js';
import { elementwiseProgram, runElementwise } from './elementwise-shader.js';
import type { WebGPUKernel } from './kernel.js';

/**
 * float32 -> int32 truncates toward zero (NaN -> 0; out-of-range values saturate, where the
 * reference wraps); anything -> bool is x != 0 (NaN is truthy, -0 is not); bool -> numbers is 0/1.
 */
export function castExpr(from: DType, to: DType): string {
  if (from === to) return 'v0';
  if (to === 'bool') return `select(0u, 1u, ${nonZero(from, 'v0')})`;
  if (to === 'int32') return from === 'float32' ? 'select(i32(v0), 0, is_nan(v0))' : 'i32(v0)';
  return 'f32(v0)';
}

export const Cast: WebGPUKernel<'Cast'> = (backend, { x }, { dtype }) => {
  const program = elementwiseProgram(`Cast:${x.dtype}:${dtype}`, [x.dtype], dtype, castExpr(x.dtype, dtype));
  return runElementwise(backend, program, [x], x.shape, dtype, 'Cast');
};
