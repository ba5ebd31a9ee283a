import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * PyTorch Adam (L2 weight decay, no amsgrad), step already incremented:
 *   g = grad + wd*param; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 *   param -= lr * (m / (1 - b1^step)) / (sqrt(v / (1 - b2^step)) + eps).
 * Returns [param, m, v].
 */
export const AdamUpdate: TfKernel<'AdamUpdate'> = (ctx, { param, grad, m, v }, attrs) => {
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const bias1 = 1 - beta1 ** step;
  const bias2 = 1 - beta2 ** step;
  return ctx.runMany(() => {
    const p = ctx.get(param);
    const g = weightDecay !== 0 ? tf.add(ctx.get(grad), tf.mul(p, weightDecay)) : ctx.get(grad);
    const m1 = tf.add(tf.mul(ctx.get(m), beta1), tf.mul(g, 1 - beta1));
    const v1 = tf.add(tf.mul(ctx.get(v), beta2), tf.mul(tf.square(g), 1 - beta2));
    const denom = tf.add(tf.sqrt(tf.div(v1, bias2)), eps);
    const p1 = tf.sub(p, tf.div(tf.mul(m1, lr / bias1), denom));
    return [p1, m1, v1];
  });
};
