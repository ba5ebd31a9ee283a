import { sequenceSizes } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';

/*
 * Norse's LIF feed-forward step over all T steps in ONE dispatch: each thread owns one neuron and
 * loops over time, keeping v and i in registers. Writes z, v, i and vDecayed (what the gradient
 * kernel needs) for every step. Uniform words: 0 neurons, 1 steps, 2 dt*tauMemInv, 3 dt*tauSynInv,
 * 4 vLeak, 5 vTh, 6 vReset.
 */
export const LIF_SEQUENCE_PROGRAM: Program = {
  key: 'LIFSequence:float32',
  numInputs: 3,
  numOutputs: 4,
  uniformWords: 8,
  build: () => `${header(
    [
      { name: 'x', type: 'f32' },
      { name: 'v0', type: 'f32' },
      { name: 'i0', type: 'f32' },
    ],
    [
      { name: 'zOut', type: 'f32' },
      { name: 'vOut', type: 'f32' },
      { name: 'iOut', type: 'f32' },
      { name: 'vdOut', type: 'f32' },
    ],
    8,
  )}
${elementwiseMain(`  let n = pu(0u);
  if (idx >= n) { return; }
  let steps = pu(1u);
  let a = pf(2u);
  let b = pf(3u);
  let vLeak = pf(4u);
  let vTh = pf(5u);
  let vReset = pf(6u);
  var v = v0[idx];
  var i = i0[idx];
  for (var t = 0u; t < steps; t++) {
    let at = t * n + idx;
    let vd = v + a * ((vLeak - v) + i);
    let id = i - b * i;
    let z = select(0.0, 1.0, vd - vTh > 0.0);
    v = (1.0 - z) * vd + z * vReset;
    i = id + x[at];
    zOut[at] = z;
    vOut[at] = v;
    iOut[at] = i;
    vdOut[at] = vd;
  }`)}`,
};

export const LIFSequence: WebGPUKernel<'LIFSequence'> = (backend, { x, v0, i0 }, attrs) => {
  const { steps, neurons } = sequenceSizes('LIFSequence', { x }, { v0, i0 });
  const outs = [0, 1, 2, 3].map(() => backend.output(x.shape, 'float32'));
  const u = new Uniforms(8)
    .u(0, neurons)
    .u(1, steps)
    .f(2, attrs.dt * attrs.tauMemInv)
    .f(3, attrs.dt * attrs.tauSynInv)
    .f(4, attrs.vLeak)
    .f(5, attrs.vTh)
    .f(6, attrs.vReset);
  backend.run(LIF_SEQUENCE_PROGRAM, [x, v0, i0], outs, u, grid(Math.ceil(neurons / ELEMENTWISE_WG)));
  return outs;
};
