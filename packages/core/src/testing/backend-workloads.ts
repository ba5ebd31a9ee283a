import {
  abs,
  add,
  argMax,
  customGrad,
  dispose,
  div,
  liFeedForwardSequence,
  lifFeedForwardSequence,
  matMul,
  mean,
  mul,
  oneHot,
  randomUniform,
  reshape,
  type SpikeMethod,
  setBackend,
  spike,
  square,
  sub,
  sum,
  type Tensor,
  tidy,
  transpose,
  unstack,
  valueAndGrads,
  variable,
  zeros,
} from '../index.js';

/*
 * Small training workloads the backends' tests run on their backend and on the reference backend to
 * compare loss and gradients, and to watch for leaks and GPU work per step.
 */

/** Norse's decode torch.max(x, 0)[0] over [T, B, C]: the gradient goes to the FIRST maximum over time. */
function maxOverTime(seq: Tensor): Tensor {
  const first = oneHot(argMax(seq, 0), seq.shape[0]); // [B, C, T]
  return sum(mul(seq, transpose(first, [2, 0, 1])), 0);
}

/** A Heaviside spike with a SuperSpike surrogate (alpha 10), through core's customGrad. */
const spikeFn = customGrad((x: Tensor) => ({
  value: spike(x),
  gradFunc: (dy: Tensor, [saved]: readonly Tensor[]) => div(dy, square(add(mul(abs(saved), 10), 1))),
}));

/**
 * A LIF-like recurrent loop through core's public ops only (matMul + elementwise per step, no fused
 * neuron kernel): x [T, B, IN], w1 [IN, H], w2 [H, OUT], target [B, OUT] -> MSE of the summed output.
 */
export function lifLikeLoss(x: Tensor, w1: Tensor, w2: Tensor, target: Tensor): Tensor {
  const [steps, batch] = x.shape;
  const hidden = w1.shape[1];
  let v = zeros([batch, hidden]);
  let i = zeros([batch, hidden]);
  let out = zeros([batch, w2.shape[1]]);
  const xs = unstack(x, 0);
  for (let t = 0; t < steps; t++) {
    const vd = add(v, mul(sub(i, v), 0.1));
    i = add(mul(i, 0.8), matMul(xs[t], w1));
    const z = spikeFn(sub(vd, 0.5));
    v = mul(vd, sub(1, z));
    out = add(out, matMul(z, w2));
  }
  return mean(square(sub(out, target)));
}

/** The inputs of lifLikeLoss (T 8, B 4, IN 10, H 6, OUT 3), from Philox seeds 1-4: equal on every backend. */
export function lifLikeProblem(): { x: Tensor; w1: Tensor; w2: Tensor; target: Tensor } {
  // In a tidy: variable() copies its argument and the scaled draws leave their [0, 1) draw behind.
  // Left to the garbage collector they would free buffers in the middle of a leak check.
  return tidy(() => ({
    x: randomUniform([8, 4, 10], { seed: 1, low: 0, high: 1.5 }),
    w1: variable(randomUniform([10, 6], { seed: 2, low: -0.5, high: 1 })),
    w2: variable(randomUniform([6, 3], { seed: 3, low: -1, high: 1 })),
    target: randomUniform([4, 3], { seed: 4 }),
  }));
}

/** lifLikeLoss's input, loss and weight gradients on `backend` (read back, everything freed). */
export async function lifLikeLossAndGrads(
  backend: string,
): Promise<{ x: number[]; loss: number; g1: number[]; g2: number[] }> {
  await setBackend(backend);
  const p = lifLikeProblem();
  const { value, grads } = valueAndGrads(() => lifLikeLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
  const out = {
    x: Array.from(await p.x.data()),
    loss: (await value.data())[0],
    g1: Array.from(await grads[0].data()),
    g2: Array.from(await grads[1].data()),
  };
  dispose([value, ...grads, p.x, p.w1, p.w2, p.target]);
  return out;
}

/**
 * x [T, B, IN] -> Linear -> LIF (fused LIFSequence) -> Linear -> LI (fused LISequence) -> Norse's max
 * over time -> MSE against target [B, OUT]: the fused sequence kernels and their gradients. `method`
 * is the LIF layer's spike function (Norse's 'super' by default; any defined surrogate name).
 */
export function fusedLifLiLoss(
  x: Tensor,
  w1: Tensor,
  w2: Tensor,
  target: Tensor,
  method: SpikeMethod = 'super',
): Tensor {
  const [T, B, IN] = x.shape;
  const h = reshape(matMul(reshape(x, [T * B, IN]), w1), [T, B, w1.shape[1]]);
  const { z } = lifFeedForwardSequence(h, null, { vTh: 0.3, method });
  const o = reshape(matMul(reshape(z, [T * B, w1.shape[1]]), w2), [T, B, w2.shape[1]]);
  const { v } = liFeedForwardSequence(o);
  return mean(square(sub(maxOverTime(v), target)));
}

/**
 * fusedLifLiLoss's loss and weight gradients on `backend` (read back, everything freed), on its
 * problem x [16, 4, 12] in [0, 4), w1 [12, 16], w2 [16, 3], target [4, 3] from Philox seeds 5-8.
 */
export async function fusedLifLiLossAndGrads(
  backend: string,
  method: SpikeMethod = 'super',
): Promise<{ loss: number; g1: number[]; g2: number[] }> {
  await setBackend(backend);
  // In a tidy: the scaled draws leave their [0, 1) draw behind, and variable() copies its argument.
  const [x, w1, w2, target] = tidy(() => [
    randomUniform([16, 4, 12], { seed: 5, low: 0, high: 4 }),
    variable(randomUniform([12, 16], { seed: 6, low: -1, high: 3 })),
    variable(randomUniform([16, 3], { seed: 7, low: -1, high: 1 })),
    randomUniform([4, 3], { seed: 8, low: 0, high: 0.01 }),
  ]);
  const { value, grads } = valueAndGrads(() => fusedLifLiLoss(x, w1, w2, target, method), [w1, w2]);
  const out = {
    loss: (await value.data())[0],
    g1: Array.from(await grads[0].data()),
    g2: Array.from(await grads[1].data()),
  };
  dispose([value, ...grads, x, w1, w2, target]);
  return out;
}
