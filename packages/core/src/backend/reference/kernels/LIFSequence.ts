import { sequenceSizes } from '../../../kernels/shape-utils.js';
import { HOST_ARITH, lifCoefficients, lifForwardStep } from '../../../neuron/recurrence.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * Norse's lif_feed_forward_step over T steps, per neuron (the step is neuron/recurrence.ts). Each
 * operation is computed in float32, in the order of lifFeedForwardStep, so T = 1 is that step bit for
 * bit; z is decided on the stored vDecayed, so z and vDecayed (what LIFSequenceGrad reads) agree.
 * Returns [z, v, i, vDecayed], each [T, ...n].
 */
export const LIFSequence: ReferenceKernel<'LIFSequence'> = ({ x, v0, i0 }, attrs, store) => {
  const xv = store.getFloat(x);
  const v0v = store.getFloat(v0);
  const i0v = store.getFloat(i0);
  const { steps, neurons } = sequenceSizes('LIFSequence', { x }, { v0, i0 });
  const c = lifCoefficients(attrs);
  const size = steps * neurons;
  const [z, v, i, vd] = [0, 1, 2, 3].map(() => new Float32Array(size));
  for (let k = 0; k < neurons; k++) {
    let vk = v0v[k];
    let ik = i0v[k];
    for (let t = 0; t < steps; t++) {
      const at = t * neurons + k;
      const step = lifForwardStep(HOST_ARITH, c, vk, ik, xv[at]);
      z[at] = step.z;
      v[at] = step.v;
      i[at] = step.i;
      vd[at] = step.vd;
      vk = v[at];
      ik = i[at];
    }
  }
  return [z, v, i, vd].map((values) => store.output(values, x.shape, 'float32'));
};
