import { checkDetachReset, sequenceSizes } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { surrogateDerivativeFn } from '../surrogate-derivatives.js';

/**
 * Reverse-time gradient of LIFSequence. The reset v = (1 - z)*vd + z*vReset passes dv_t/dvd_t =
 * (1 - z) when detached (Norse lif_step: z.detach() in the reset), and additionally
 * (vReset - vd)*surrogate'(vd - vTh) when not (Norse lif_feed_forward_step: z stays in the graph).
 * With a = dt*tauMemInv, b = dt*tauSynInv and s = surrogate'(vDecayed[t] - vTh), walking
 * t = T-1 .. 0 with gv, gi the gradients flowing into the state (v[t], i[t]) from step t+1 (zero
 * after the last step):
 *   Gv = dv[t] + gv;  Gi = di[t] + gi;
 *   gvd = Gv*((1 - z[t]) + (detachReset ? 0 : (vReset - vDecayed[t])*s)) + dz[t]*s;
 *   dx[t] = Gi;  gv = gvd*(1 - a);  gi = gvd*a + Gi*(1 - b).
 * After t = 0, dv0 = gv and di0 = gi. Returns [dx [T, ...n], dv0 [...n], di0 [...n]].
 */
export const LIFSequenceGrad: ReferenceKernel<'LIFSequenceGrad'> = (inputs, attrs, store) => {
  const op = 'LIFSequenceGrad';
  const { steps, neurons, neuronShape } = sequenceSizes(op, inputs);
  const z = store.getFloat(inputs.z, op, 'z');
  const vd = store.getFloat(inputs.vDecayed, op, 'vDecayed');
  const dz = store.getFloat(inputs.dz, op, 'dz');
  const dv = store.getFloat(inputs.dv, op, 'dv');
  const di = store.getFloat(inputs.di, op, 'di');
  const derivative = surrogateDerivativeFn(attrs.surrogate, attrs.alpha);
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  const detachReset = checkDetachReset(op, attrs.detachReset);
  const dx = new Float32Array(steps * neurons);
  const dv0 = new Float32Array(neurons);
  const di0 = new Float32Array(neurons);
  for (let k = 0; k < neurons; k++) {
    let gv = 0;
    let gi = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const at = t * neurons + k;
      const Gv = dv[at] + gv;
      const Gi = di[at] + gi;
      const s = derivative(vd[at] - attrs.vTh);
      const keep = detachReset ? 1 - z[at] : 1 - z[at] + (attrs.vReset - vd[at]) * s;
      const gvd = Gv * keep + dz[at] * s;
      dx[at] = Gi;
      gv = gvd * (1 - a);
      gi = gvd * a + Gi * (1 - b);
    }
    dv0[k] = gv;
    di0[k] = gi;
  }
  return [
    store.output(dx, inputs.z.shape, 'float32'),
    store.output(dv0, neuronShape, 'float32'),
    store.output(di0, neuronShape, 'float32'),
  ];
};
