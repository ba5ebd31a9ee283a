import { sequenceSizes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unstackFast } from './slice-fast.js';

/**
 * Norse's lif_feed_forward_step over all T steps in one tf.tidy (one call from core instead of about
 * ten ops and tape entries per step):
 *   vd = v + a*((vLeak - v) + i), a = dt*tauMemInv;  id = i - b*i, b = dt*tauSynInv;
 *   z = vd - vTh > 0;  v = (1 - z)*vd + z*vReset;  i = id + x[t].
 * Returns [z, v, i, vDecayed], each [T, ...n]. Arithmetic is float32 per op (the reference rounds
 * once per step from float64), so values agree to float32 rounding.
 */
export const LIFSequence: TfKernel<'LIFSequence'> = (ctx, { x, v0, i0 }, attrs) => {
  const { steps } = sequenceSizes('LIFSequence', { x }, { v0, i0 });
  const { tauSynInv, tauMemInv, vLeak, vTh, vReset, dt } = attrs;
  const a = dt * tauMemInv;
  const b = dt * tauSynInv;
  return ctx.runMany(() => {
    const xs = unstackFast(ctx.get(x));
    let v = ctx.get(v0);
    let i = ctx.get(i0);
    const zs: tf.Tensor[] = [];
    const vs: tf.Tensor[] = [];
    const is: tf.Tensor[] = [];
    const vds: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const vd = tf.add(v, tf.mul(tf.add(tf.sub(vLeak, v), i), a));
      const z = tf.cast(tf.greater(vd, vTh), 'float32');
      // The reference's (1 - z)*vd + z*vReset (not tf.where with a scalar: tfjs-wasm's broadcast in
      // Select goes through its slow Tile).
      const kept = tf.mul(tf.sub(1, z), vd);
      v = vReset === 0 ? kept : tf.add(kept, tf.mul(z, vReset));
      i = tf.add(tf.sub(i, tf.mul(i, b)), xs[t]);
      zs.push(z);
      vs.push(v);
      is.push(i);
      vds.push(vd);
    }
    const shape = x.shape.slice();
    if (steps === 0) return [0, 1, 2, 3].map(() => tf.zeros(shape));
    return [tf.stack(zs), tf.stack(vs), tf.stack(is), tf.stack(vds)];
  });
};
