import * as tf from '@tensorflow/tfjs-core';
import type { TfKernel } from '../kernel-context.js';

/**
 * PyTorch SGD: g = grad + wd*param; with momentum > 0, buf = firstStep ? g : momentum*buf +
 * (1 - dampening)*g and g = nesterov ? g + momentum*buf : buf; param -= lr*g. With momentum 0 the
 * buffer comes back unchanged (PyTorch keeps none). Returns [param, buf].
 */
export const SGDUpdate: TfKernel<'SGDUpdate'> = (ctx, { param, grad, buf }, attrs) => {
  const { lr, momentum, dampening, nesterov, weightDecay, firstStep } = attrs;
  return ctx.runMany(() => {
    const p = ctx.get(param);
    let g = weightDecay !== 0 ? tf.add(ctx.get(grad), tf.mul(p, weightDecay)) : ctx.get(grad);
    let b = ctx.get(buf);
    if (momentum > 0) {
      b = firstStep ? g : tf.add(tf.mul(b, momentum), tf.mul(g, 1 - dampening));
      g = nesterov ? tf.add(g, tf.mul(b, momentum)) : b;
    }
    return [tf.sub(p, tf.mul(g, lr)), b];
  });
};
