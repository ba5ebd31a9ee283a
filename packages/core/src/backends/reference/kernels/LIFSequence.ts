import { sequenceSizes } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * Norse's lif_feed_forward_step over T steps, per neuron. Each step computes in float64 from the
 * float32 state of the previous step and rounds its outputs to float32; z is decided on the rounded
 * vDecayed, so z and vDecayed (what LIFSequenceGrad reads) always agree:
 *   vd = v + dt*tauMemInv*((vLeak - v) + i);  id = i - dt*tauSynInv*i;  z = vd - vTh > 0 ? 1 : 0;
 *   v = (1 - z)*vd + z*vReset;  i = id + x[t].
 * Returns [z, v, i, vDecayed], each [T, ...n].
 */
export const LIFSequence: ReferenceKernel<'LIFSequence'> = ({ x, v0, i0 }, attrs, store) => {
  const xv = store.getFloat(x, 'LIFSequence', 'x');
  const v0v = store.getFloat(v0, 'LIFSequence', 'v0');
  const i0v = store.getFloat(i0, 'LIFSequence', 'i0');
  const { steps, neurons } = sequenceSizes('LIFSequence', { x }, { v0, i0 });
  const { tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
  const size = steps * neurons;
  const [z, v, i, vd] = [0, 1, 2, 3].map(() => new Float32Array(size));
  for (let k = 0; k < neurons; k++) {
    let vk = v0v[k];
    let ik = i0v[k];
    for (let t = 0; t < steps; t++) {
      const at = t * neurons + k;
      vd[at] = vk + dt * tauMemInv * (vLeak - vk + ik);
      const decayedI = ik - dt * tauSynInv * ik;
      z[at] = vd[at] - vTh > 0 ? 1 : 0;
      v[at] = (1 - z[at]) * vd[at] + z[at] * vReset;
      i[at] = decayedI + xv[at];
      vk = v[at];
      ik = i[at];
    }
  }
  return [z, v, i, vd].map((values) => store.output(values, x.shape, 'float32'));
};
