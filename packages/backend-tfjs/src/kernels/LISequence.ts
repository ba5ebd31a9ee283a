import { sequenceSizes } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';
import { unstackFast } from './slice-fast.js';

/**
 * Norse's li_feed_forward_step over T steps, input first as Norse does (the reference backend's
 * reading of norse/torch/functional/leaky_integrator.py, checked against the Norse fixture):
 *   j = i + x[t];  v = v + a*((vLeak - v) + j);  i = j - b*j,  a = dt*tauMemInv, b = dt*tauSynInv.
 * Returns [v, i], each [T, ...n].
 */
export const LISequence: TfKernel<'LISequence'> = (ctx, { x, v0, i0 }, attrs) => {
  const { steps } = sequenceSizes('LISequence', { x }, { v0, i0 });
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  return ctx.runMany(() => {
    const xs = unstackFast(ctx.get(x));
    let v = ctx.get(v0);
    let i = ctx.get(i0);
    const vs: tf.Tensor[] = [];
    const is: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const j = tf.add(i, xs[t]);
      v = tf.add(v, tf.mul(tf.add(tf.sub(attrs.vLeak, v), j), a));
      i = tf.sub(j, tf.mul(j, b));
      vs.push(v);
      is.push(i);
    }
    if (steps === 0) return [tf.zeros(x.shape.slice()), tf.zeros(x.shape.slice())];
    return [tf.stack(vs), tf.stack(is)];
  });
};
