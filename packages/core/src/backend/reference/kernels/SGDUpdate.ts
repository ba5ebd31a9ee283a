import type { ReferenceKernel } from '../reference-kernel.js';

/**
 * PyTorch SGD: g = grad + weightDecay*param; when momentum > 0, buf = firstStep ? g :
 * momentum*buf + (1 - dampening)*g and g = nesterov ? g + momentum*buf : buf; then param -= lr*g.
 * With momentum 0 PyTorch keeps no buffer: buf is returned unchanged. Returns [param, buf].
 */
export const SGDUpdate: ReferenceKernel<'SGDUpdate'> = ({ param, grad, buf }, attrs, store) => {
  const { lr, momentum, dampening, nesterov, weightDecay, firstStep } = attrs;
  const p = store.getFloat(param);
  const g = store.getFloat(grad);
  const b = store.getFloat(buf);
  const pOut = new Float32Array(p.length);
  const bOut = Float32Array.from(b);
  for (let k = 0; k < p.length; k++) {
    let gk = g[k] + weightDecay * p[k];
    if (momentum > 0) {
      const bk = firstStep ? gk : momentum * b[k] + (1 - dampening) * gk;
      bOut[k] = bk;
      gk = nesterov ? gk + momentum * bk : bk;
    }
    pOut[k] = p[k] - lr * gk;
  }
  return [store.output(pOut, param.shape, 'float32'), store.output(bOut, param.shape, 'float32')];
};
