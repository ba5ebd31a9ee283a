import { sequenceSizes, sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * PyTorch SGD in one pass -> new param and momentum buffer (returned unchanged when momentum is 0).
 * Uniform words: 0 size, 1 lr, 2 momentum, 3 dampening, 4 nesterov, 5 weightDecay, 6 firstStep.
 */
const PROGRAM: Program = {
  key: 'SGDUpdate:float32',
  numInputs: 3,
  numOutputs: 2,
  uniformWords: 8,
  build: () => `${header(
    ['param', 'grad', 'buf'].map((name) => ({ name, type: 'f32' as const })),
    ['pOut', 'bOut'].map((name) => ({ name, type: 'f32' as const })),
    8,
  )}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let p = param[idx];
  var g = grad[idx] + pf(5u) * p;
  let momentum = pf(2u);
  var b = buf[idx];
  if (momentum > 0.0) {
    b = select(momentum * b + (1.0 - pf(3u)) * g, g, pu(6u) != 0u);
    g = select(b, g + momentum * b, pu(4u) != 0u);
  }
  bOut[idx] = b;
  pOut[idx] = p - pf(1u) * g;`)}`,
};

export const SGDUpdate: WebGPUKernel<'SGDUpdate'> = (backend, { param, grad, buf }, attrs) => {
  sequenceSizes('SGDUpdate', { param, grad, buf });
  const n = sizeFromShape(param.shape);
  const outs = [backend.output(param.shape, 'float32'), backend.output(param.shape, 'float32')];
  const u = new Uniforms(8)
    .u(0, n)
    .f(1, attrs.lr)
    .f(2, attrs.momentum)
    .f(3, attrs.dampening)
    .u(4, attrs.nesterov ? 1 : 0)
    .f(5, attrs.weightDecay)
    .u(6, attrs.firstStep ? 1 : 0);
  backend.run(PROGRAM, [param, grad, buf], outs, u, grid(Math.ceil(n / ELEMENTWISE_WG)));
  return outs;
};
