import { elementwiseProgram, runElementwise } from './elementwise-shader.js';
import type { WebGPUKernel } from './kernel.js';

/** Heaviside: 1 where x > 0 (x >= 0 when inclusive), else 0 (NaN gives 0). float32 out. */
export const Spike: WebGPUKernel<'Spike'> = (backend, { x }, { inclusive }) => {
  const test = inclusive ? 'v0 >= 0.0' : 'v0 > 0.0';
  const program = elementwiseProgram(
    `Spike:${inclusive ? 'inclusive' : 'strict'}`,
    ['float32'],
    'float32',
    `select(0.0, 1.0, ${test} && !is_nan(v0))`,
  );
  return runElementwise(backend, program, [x], x.shape, 'float32', 'Spike');
};
