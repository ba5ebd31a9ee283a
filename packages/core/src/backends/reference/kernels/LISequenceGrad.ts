import { sequenceSizes } from '../../../kernels/shape-utils.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * Reverse-time gradient of LISequence (input-first, as Norse). With a = dt*tauMemInv, b = dt*tauSynInv,
 * walking t = T-1 .. 0 with gv, gi the gradients flowing into (v[t], i[t]) from step t+1:
 *   Gv = dv[t] + gv;  Gi = di[t] + gi;  gj = Gv*a + Gi*(1 - b);
 *   dx[t] = gj;  gv = Gv*(1 - a);  gi = gj.
 * After t = 0, dv0 = gv and di0 = gi. Returns [dx [T, ...n], dv0 [...n], di0 [...n]].
 */
export const LISequenceGrad: ReferenceKernel<'LISequenceGrad'> = ({ dv, di }, attrs, store) => {
  const op = 'LISequenceGrad';
  const { steps, neurons, neuronShape } = sequenceSizes(op, { dv, di });
  const dvv = store.getFloat(dv, op, 'dv');
  const div = store.getFloat(di, op, 'di');
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  const dx = new Float32Array(steps * neurons);
  const dv0 = new Float32Array(neurons);
  const di0 = new Float32Array(neurons);
  for (let k = 0; k < neurons; k++) {
    let gv = 0;
    let gi = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const at = t * neurons + k;
      const Gv = dvv[at] + gv;
      const Gi = div[at] + gi;
      const gj = Gv * a + Gi * (1 - b);
      dx[at] = gj;
      gv = Gv * (1 - a);
      gi = gj;
    }
    dv0[k] = gv;
    di0[k] = gi;
  }
  return [
    store.output(dx, dv.shape, 'float32'),
    store.output(dv0, neuronShape, 'float32'),
    store.output(di0, neuronShape, 'float32'),
  ];
};
