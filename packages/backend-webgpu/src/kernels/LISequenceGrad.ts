import { sequenceSizes } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * Reverse-time gradient of LISequence in ONE dispatch (one thread per neuron, t = T-1 .. 0):
 * Gv = dv[t] + gv; Gi = di[t] + gi; gj = Gv*a + Gi*(1 - b); dx[t] = gj; gv = Gv*(1 - a); gi = gj.
 * Uniform words: 0 neurons, 1 steps, 2 a, 3 b.
 */
const PROGRAM: Program = {
  key: 'LISequenceGrad:float32',
  numInputs: 2,
  numOutputs: 3,
  uniformWords: 4,
  build: () => `${header(
    ['dv', 'di'].map((name) => ({ name, type: 'f32' as const })),
    ['dx', 'dv0', 'di0'].map((name) => ({ name, type: 'f32' as const })),
    4,
  )}
${elementwiseMain(`  let n = pu(0u);
  if (idx >= n) { return; }
  let steps = pu(1u);
  let a = pf(2u);
  let b = pf(3u);
  var gv = 0.0;
  var gi = 0.0;
  for (var k = 0u; k < steps; k++) {
    let at = (steps - 1u - k) * n + idx;
    let Gv = dv[at] + gv;
    let Gi = di[at] + gi;
    let gj = Gv * a + Gi * (1.0 - b);
    dx[at] = gj;
    gv = Gv * (1.0 - a);
    gi = gj;
  }
  dv0[idx] = gv;
  di0[idx] = gi;`)}`,
};

export const LISequenceGrad: WebGPUKernel<'LISequenceGrad'> = (backend, { dv, di }, attrs) => {
  const { steps, neurons, neuronShape } = sequenceSizes('LISequenceGrad', { dv, di });
  const outs = [
    backend.output(dv.shape, 'float32'),
    backend.output(neuronShape, 'float32'),
    backend.output(neuronShape, 'float32'),
  ];
  const u = new Uniforms(4)
    .u(0, neurons)
    .u(1, steps)
    .f(2, attrs.dt * attrs.tauMemInv)
    .f(3, attrs.dt * attrs.tauSynInv);
  backend.run(PROGRAM, [dv, di], outs, u, grid(Math.ceil(neurons / ELEMENTWISE_WG)));
  return outs;
};
