import { sequenceSizes } from '../../../kernels/shape-utils.js';
import { HOST_ARITH, liCoefficients, liForwardStep } from '../../../neuron/recurrence.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * Norse's li_feed_forward_step over T steps, per neuron (the step is neuron/recurrence.ts). Norse adds
 * the input to the current FIRST and the voltage integrates that jumped current
 * (norse/torch/functional/leaky_integrator.py, and the Norse fixture norse-li-feed-forward-step.json:
 * v after step 0 is dt*tauMemInv*x[0]). Each operation in float32, in the order of liFeedForwardStep, so
 * T = 1 is that step bit for bit. Returns [v, i], each [T, ...n].
 */
export const LISequence: ReferenceKernel<'LISequence'> = ({ x, v0, i0 }, attrs, store) => {
  const xv = store.getFloat(x);
  const v0v = store.getFloat(v0);
  const i0v = store.getFloat(i0);
  const { steps, neurons } = sequenceSizes('LISequence', { x }, { v0, i0 });
  const c = liCoefficients(attrs);
  const v = new Float32Array(steps * neurons);
  const i = new Float32Array(steps * neurons);
  for (let k = 0; k < neurons; k++) {
    let vk = v0v[k];
    let ik = i0v[k];
    for (let t = 0; t < steps; t++) {
      const at = t * neurons + k;
      const step = liForwardStep(HOST_ARITH, c, vk, ik, xv[at]);
      v[at] = step.v;
      i[at] = step.i;
      vk = v[at];
      ik = i[at];
    }
  }
  return [store.output(v, x.shape, 'float32'), store.output(i, x.shape, 'float32')];
};
