import { sequenceSizes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unstackFast } from './slice-fast.js';

/**
 * Reverse-time gradient of LISequence (input first). With a = dt*tauMemInv, b = dt*tauSynInv, from
 * t = T-1 down to 0: Gv = dv[t] + gv; Gi = di[t] + gi; gj = Gv*a + Gi*(1 - b); dx[t] = gj;
 * gv = Gv*(1 - a); gi = gj. dv0 = gv and di0 = gi after t = 0. Returns [dx, dv0, di0].
 */
export const LISequenceGrad: TfKernel<'LISequenceGrad'> = (ctx, { dv, di }, attrs) => {
  const { steps, neuronShape } = sequenceSizes('LISequenceGrad', { dv, di });
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  return ctx.runMany(() => {
    const dvs = unstackFast(ctx.get(dv));
    const dis = unstackFast(ctx.get(di));
    let gv: tf.Tensor = tf.zeros(neuronShape);
    let gi: tf.Tensor = tf.zeros(neuronShape);
    const dx: tf.Tensor[] = new Array(steps);
    for (let t = steps - 1; t >= 0; t--) {
      const Gv = tf.add(dvs[t], gv);
      const Gi = tf.add(dis[t], gi);
      const gj = tf.add(tf.mul(Gv, a), tf.mul(Gi, 1 - b));
      dx[t] = gj;
      gv = tf.mul(Gv, 1 - a);
      gi = gj;
    }
    return [steps === 0 ? tf.zeros(dv.shape.slice()) : tf.stack(dx), gv, gi];
  });
};
