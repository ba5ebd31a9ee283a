import { HOST_ARITH, lifForwardStep } from '../../../neuron/recurrence.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * LIFSequence's spikes for a zero input, per neuron: the same float32 step (neuron/recurrence.ts)
 * with x = 0 at every step, only z kept. Returns z [steps, ...n].
 */
export const LIFSpikesFromState: ReferenceKernel<'LIFSpikesFromState'> = ({ v0, i0 }, attrs, store) => {
  const neurons = v0.shape.reduce((n, d) => n * d, 1);
  const v0v = store.getFloat(v0);
  const i0v = store.getFloat(i0);
  const { steps, dt, vLeak, vTh, vReset } = attrs;
  const c = { a: dt * attrs.tauMemInv, b: dt * attrs.tauSynInv, vLeak, vTh, vReset, detachReset: false };
  const z = new Float32Array(steps * neurons);
  for (let k = 0; k < neurons; k++) {
    let vk = v0v[k];
    let ik = i0v[k];
    for (let t = 0; t < steps; t++) {
      const step = lifForwardStep(HOST_ARITH, c, vk, ik, 0);
      z[t * neurons + k] = step.z;
      vk = step.v;
      ik = step.i;
    }
  }
  return store.output(z, [steps, ...v0.shape], 'float32');
};
