import { sequenceSizes } from '@snn/core';
import { ELEMENTWISE_WG, elementwiseMain, grid, header, type Program, Uniforms } from '../program.js';
import type { WebGPUKernel } from './kernel.js';
import { surrogateWgsl } from './surrogate-wgsl.js';

/*
 * Reverse-time gradient of LIFSequence in ONE dispatch: each thread owns a neuron and walks
 * t = T-1 .. 0, line by line core's recurrence (lifGradLocal and lifGradStep in @snn/core's
 * neuron/recurrence.ts; formulas in kernel-signatures.ts). The reset's
 * own gradient (vReset - vd)*surrogate' (Norse lif_feed_forward_step, detachReset false) is compiled
 * in or out, so the detached variant (Norse lif_step) does no extra work and no 0*x arithmetic.
 * Uniform words: 0 neurons, 1 steps, 2 a = dt*tauMemInv, 3 b = dt*tauSynInv, 4 vTh, 5 alpha, 6 vReset.
 */
function program(surrogate: string, detachReset: boolean): Program {
  const keep = detachReset ? '1.0 - z[at]' : '1.0 - z[at] + (vReset - vd[at]) * sg';
  return {
    key: `LIFSequenceGrad:${surrogate}:${detachReset ? 'detached' : 'attached'}`,
    numInputs: 5,
    numOutputs: 3,
    uniformWords: 8,
    build: () => `${header(
      ['z', 'vd', 'dz', 'dv', 'di'].map((name) => ({ name, type: 'f32' as const })),
      ['dx', 'dv0', 'di0'].map((name) => ({ name, type: 'f32' as const })),
      8,
    )}
${surrogateWgsl(surrogate)}
${elementwiseMain(`  let n = pu(0u);
  if (idx >= n) { return; }
  let steps = pu(1u);
  let a = pf(2u);
  let b = pf(3u);
  let vTh = pf(4u);
  let alpha = pf(5u);
  let vReset = pf(6u);
  var gv = 0.0;
  var gi = 0.0;
  for (var k = 0u; k < steps; k++) {
    let at = (steps - 1u - k) * n + idx;
    let Gv = dv[at] + gv;
    let Gi = di[at] + gi;
    let sg = surrogate_grad(vd[at] - vTh, alpha);
    let gvd = Gv * (${keep}) + dz[at] * sg;
    dx[at] = Gi;
    gv = gvd * (1.0 - a);
    gi = gvd * a + Gi * (1.0 - b);
  }
  dv0[idx] = gv;
  di0[idx] = gi;`)}`,
  };
}

export const LIFSequenceGrad: WebGPUKernel<'LIFSequenceGrad'> = (backend, inputs, attrs) => {
  const { steps, neurons, neuronShape } = sequenceSizes('LIFSequenceGrad', { ...inputs });
  const { detachReset } = attrs;
  const outs = [
    backend.output(inputs.z.shape, 'float32'),
    backend.output(neuronShape, 'float32'),
    backend.output(neuronShape, 'float32'),
  ];
  const u = new Uniforms(8)
    .u(0, neurons)
    .u(1, steps)
    .f(2, attrs.dt * attrs.tauMemInv)
    .f(3, attrs.dt * attrs.tauSynInv)
    .f(4, attrs.vTh)
    .f(5, attrs.alpha)
    .f(6, attrs.vReset);
  const { z, vDecayed, dz, dv, di } = inputs;
  backend.run(
    program(attrs.surrogate, detachReset),
    [z, vDecayed, dz, dv, di],
    outs,
    u,
    grid(Math.ceil(neurons / ELEMENTWISE_WG)),
  );
  return outs;
};
