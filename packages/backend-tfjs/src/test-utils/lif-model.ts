import * as snn from '@snn/core';

/** A Heaviside spike with a SuperSpike surrogate (alpha 10), through core's customGrad. */
const spikeFn = snn.customGrad((x: snn.Tensor) => ({
  value: snn.spike(x),
  gradFunc: (dy, [saved]) => snn.div(dy, snn.square(snn.add(snn.mul(snn.abs(saved), 10), 1))),
}));

/**
 * A small LIF-like recurrent loop through core's public ops (matMul + elementwise per step): the
 * workload this backend exists for, used to compare backends and to watch for leaks.
 */
export function lifLoss(x: snn.Tensor, w1: snn.Tensor, w2: snn.Tensor, target: snn.Tensor): snn.Tensor {
  const [steps, batch] = x.shape;
  const hidden = w1.shape[1];
  let v = snn.zeros([batch, hidden]);
  let i = snn.zeros([batch, hidden]);
  let out = snn.zeros([batch, w2.shape[1]]);
  const xs = snn.unstack(x, 0);
  for (let t = 0; t < steps; t++) {
    const vd = snn.add(v, snn.mul(snn.sub(i, v), 0.1));
    i = snn.add(snn.mul(i, 0.8), snn.matMul(xs[t], w1));
    const z = spikeFn(snn.sub(vd, 0.5));
    v = snn.mul(vd, snn.sub(1, z));
    out = snn.add(out, snn.matMul(z, w2));
  }
  return snn.mean(snn.square(snn.sub(out, target)));
}
