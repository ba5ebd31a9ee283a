import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * PyTorch Adam (L2 weight decay added to the gradient, no amsgrad) with `step` already incremented:
 *   g = grad + weightDecay*param;  m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;
 *   param -= lr * (m / (1 - b1^step)) / (sqrt(v / (1 - b2^step)) + eps).
 * Returns [param, m, v]; inputs are not mutated.
 */
export const AdamUpdate: ReferenceKernel<'AdamUpdate'> = ({ param, grad, m, v }, attrs, store) => {
  const { lr, beta1, beta2, eps, weightDecay, step } = attrs;
  const p = store.getFloat(param);
  const g = store.getFloat(grad);
  const mv = store.getFloat(m);
  const vv = store.getFloat(v);
  const bias1 = 1 - beta1 ** step;
  const bias2 = 1 - beta2 ** step;
  const [pOut, mOut, vOut] = [0, 1, 2].map(() => new Float32Array(p.length));
  for (let k = 0; k < p.length; k++) {
    const gk = g[k] + weightDecay * p[k];
    const mk = beta1 * mv[k] + (1 - beta1) * gk;
    const vk = beta2 * vv[k] + (1 - beta2) * gk * gk;
    mOut[k] = mk;
    vOut[k] = vk;
    pOut[k] = p[k] - (lr * (mk / bias1)) / (Math.sqrt(vk / bias2) + eps);
  }
  return [pOut, mOut, vOut].map((values) => store.output(values, param.shape, 'float32'));
};
