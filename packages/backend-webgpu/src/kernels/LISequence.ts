import { sequenceSizes } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * Norse's leaky integrator over all T steps in ONE dispatch (one thread per neuron, input first):
 * j = i + x[t]; v = v + a*((vLeak - v) + j); i = j - b*j.
 * Uniform words: 0 neurons, 1 steps, 2 a = dt*tauMemInv, 3 b = dt*tauSynInv, 4 vLeak.
 */
const PROGRAM: Program = {
  key: 'LISequence:float32',
  numInputs: 3,
  numOutputs: 2,
  uniformWords: 8,
  build: () => `${header(
    ['x', 'v0', 'i0'].map((name) => ({ name, type: 'f32' as const })),
    ['vOut', 'iOut'].map((name) => ({ name, type: 'f32' as const })),
    8,
  )}
${elementwiseMain(`  let n = pu(0u);
  if (idx >= n) { return; }
  let steps = pu(1u);
  let a = pf(2u);
  let b = pf(3u);
  let vLeak = pf(4u);
  var v = v0[idx];
  var i = i0[idx];
  for (var t = 0u; t < steps; t++) {
    let at = t * n + idx;
    let j = i + x[at];
    v = v + a * ((vLeak - v) + j);
    i = j - b * j;
    vOut[at] = v;
    iOut[at] = i;
  }`)}`,
};

export const LISequence: WebGPUKernel<'LISequence'> = (backend, { x, v0, i0 }, attrs) => {
  const { steps, neurons } = sequenceSizes('LISequence', { x }, { v0, i0 });
  const outs = [backend.output(x.shape, 'float32'), backend.output(x.shape, 'float32')];
  const u = new Uniforms(8)
    .u(0, neurons)
    .u(1, steps)
    .f(2, attrs.dt * attrs.tauMemInv)
    .f(3, attrs.dt * attrs.tauSynInv)
    .f(4, attrs.vLeak);
  backend.run(PROGRAM, [x, v0, i0], outs, u, grid(Math.ceil(neurons / ELEMENTWISE_WG)));
  return outs;
};
