import { sizeFromShape } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * PyTorch Adam in one pass over param, grad, m, v -> new param, m, v. The bias corrections
 * 1 - beta^step are computed on the host in float64. Uniform words: 0 size, 1 lr, 2 beta1, 3 beta2,
 * 4 eps, 5 weightDecay, 6 bias1, 7 bias2.
 */
const PROGRAM: Program = {
  key: 'AdamUpdate:float32',
  numInputs: 4,
  numOutputs: 3,
  uniformWords: 8,
  build: () => `${header(
    ['param', 'grad', 'm', 'v'].map((name) => ({ name, type: 'f32' as const })),
    ['pOut', 'mOut', 'vOut'].map((name) => ({ name, type: 'f32' as const })),
    8,
  )}
${elementwiseMain(`  if (idx >= pu(0u)) { return; }
  let p = param[idx];
  let g = grad[idx] + pf(5u) * p;
  let mk = pf(2u) * m[idx] + (1.0 - pf(2u)) * g;
  let vk = pf(3u) * v[idx] + (1.0 - pf(3u)) * g * g;
  mOut[idx] = mk;
  vOut[idx] = vk;
  pOut[idx] = p - (pf(1u) * (mk / pf(6u))) / (sqrt(vk / pf(7u)) + pf(4u));`)}`,
};

export const AdamUpdate: WebGPUKernel<'AdamUpdate'> = (backend, { param, grad, m, v }, attrs) => {
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const n = sizeFromShape(param.shape);
  const outs = [0, 1, 2].map(() => backend.output(param.shape, 'float32'));
  const u = new Uniforms(8)
    .u(0, n)
    .f(1, lr)
    .f(2, beta1)
    .f(3, beta2)
    .f(4, eps)
    .f(5, weightDecay)
    .f(6, 1 - beta1 ** step)
    .f(7, 1 - beta2 ** step);
  backend.run(PROGRAM, [param, grad, m, v], outs, u, grid(Math.ceil(n / ELEMENTWISE_WG)));
  return outs;
};
