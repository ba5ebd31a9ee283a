import { checkDetachReset, sequenceSizes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unstackFast } from './slice-fast.js';
import { surrogateDerivativeTf } from './surrogate.js';

/**
 * Reverse-time gradient of LIFSequence. With a = dt*tauMemInv, b = dt*tauSynInv and
 * s = surrogate'(vDecayed[t] - vTh), from t = T-1 down to 0 (gv = gi = 0 after the last step):
 *   Gv = dv[t] + gv;  Gi = di[t] + gi;  gvd = Gv*keep[t] + dz[t]*s;
 *   dx[t] = Gi;  gv = gvd*(1 - a);  gi = gvd*a + Gi*(1 - b),
 * with keep = dv_t/dvd_t = 1 - z[t] when the reset is detached (Norse lif_step) and
 * 1 - z[t] + (vReset - vDecayed[t])*s when it is not (Norse lif_feed_forward_step).
 * dv0 = gv and di0 = gi after t = 0. The terms that do not depend on the recursion (s, keep) are
 * computed for all T steps at once. Returns [dx, dv0, di0].
 */
export const LIFSequenceGrad: TfKernel<'LIFSequenceGrad'> = (ctx, inputs, attrs) => {
  const { steps, neuronShape } = sequenceSizes('LIFSequenceGrad', inputs);
  const detachReset = checkDetachReset('LIFSequenceGrad', attrs.detachReset);
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  return ctx.runMany(() => {
    const vd = ctx.get(inputs.vDecayed);
    const surrogate = surrogateDerivativeTf(attrs.surrogate, tf.sub(vd, attrs.vTh), attrs.alpha);
    const direct = unstackFast(tf.mul(ctx.get(inputs.dz), surrogate));
    const notFired = tf.sub(1, ctx.get(inputs.z));
    const keep = unstackFast(
      detachReset ? notFired : tf.add(notFired, tf.mul(tf.sub(attrs.vReset, vd), surrogate)),
    );
    const dv = unstackFast(ctx.get(inputs.dv));
    const di = unstackFast(ctx.get(inputs.di));
    let gv: tf.Tensor = tf.zeros(neuronShape);
    let gi: tf.Tensor = tf.zeros(neuronShape);
    const dx: tf.Tensor[] = new Array(steps);
    for (let t = steps - 1; t >= 0; t--) {
      const Gv = tf.add(dv[t], gv);
      const Gi = tf.add(di[t], gi);
      const gvd = tf.add(tf.mul(Gv, keep[t]), direct[t]);
      dx[t] = Gi;
      gv = tf.mul(gvd, 1 - a);
      gi = tf.add(tf.mul(gvd, a), tf.mul(Gi, 1 - b));
    }
    return [steps === 0 ? tf.zeros(inputs.z.shape.slice()) : tf.stack(dx), gv, gi];
  });
};
