import { sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';
import { surrogateWgsl } from './surrogate-wgsl.js';

/* Uniform words: 0 size, 1 alpha. */
function program(surrogate: string): Program {
  return {
    key: `SpikeGrad:${surrogate}`,
    numInputs: 2,
    numOutputs: 1,
    uniformWords: 4,
    build: () => `${header(
      [
        { name: 'dy', type: 'f32' },
        { name: 'x', type: 'f32' },
      ],
      [{ name: 'out', type: 'f32' }],
      4,
    )}
${surrogateWgsl(surrogate)}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  out[idx] = dy[idx] * surrogate_grad(x[idx], pf(1u));`)}`,
  };
}

/** dy * surrogate'(x) in one pass. */
export const SpikeGrad: WebGPUKernel<'SpikeGrad'> = (backend, { dy, x }, { surrogate, alpha }) => {
  const p = program(surrogate);
  const out = backend.output(x.shape, 'float32');
  const size = sizeFromShape(x.shape);
  backend.run(
    p,
    [dy, x],
    [out],
    new Uniforms(4).u(0, size).f(1, alpha),
    grid(Math.ceil(size / ELEMENTWISE_WG)),
  );
  return out;
};
