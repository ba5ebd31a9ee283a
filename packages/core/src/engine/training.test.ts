import {
  abs,
  adamUpdate,
  add,
  cast,
  customGrad,
  detach,
  dispose,
  div,
  greater,
  keep,
  logSoftmax,
  matMul,
  mean,
  memory,
  mul,
  neg,
  oneHot,
  randomNormal,
  randomUniform,
  relu,
  slice,
  spike,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrads,
  variable,
  zeros,
  zerosLike,
} from '../index.js';

/*
 * End-to-end proofs of the engine: a recurrent spiking network unrolled over 100 steps trains (loss
 * falls) with a surrogate gradient, and a training loop does not grow the live tensor count.
 */

/** Heaviside forward, SuperSpike surrogate backward: dy / (alpha |v| + 1)^2 (Zenke & Ganguli 2018). */
const superSpike = (alpha: number) =>
  customGrad((v: Tensor) => ({
    value: spike(v),
    gradFunc: (dy, [saved]) => [div(dy, square(add(mul(abs(saved), alpha), 1)))],
  }));

/** Adam over a list of parameters; returns the new parameters and state, disposing the old. */
function adamStep(
  params: Tensor[],
  grads: Tensor[],
  state: { m: Tensor[]; v: Tensor[]; step: number },
  lr: number,
) {
  state.step++;
  return params.map((p, i) => {
    const [np, nm, nv] = adamUpdate(p, grads[i], state.m[i], state.v[i], {
      lr,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      step: state.step,
    });
    dispose([p, state.m[i], state.v[i]]);
    state.m[i] = keep(nm);
    state.v[i] = keep(nv);
    return variable(np, { name: p.name });
  });
}

test('a 100-step unrolled recurrent SNN trains with a surrogate gradient at constant memory', () => {
  const T = 100;
  const B = 8;
  const nIn = 8;
  const nH = 16;
  const spikeFn = superSpike(10);
  // Two classes: class 0 drives inputs 0-3 (p 0.3) and barely 4-7 (p 0.02); class 1 the reverse.
  const labels = tensor([0, 1, 0, 1, 0, 1, 0, 1], [B], 'int32');
  const inputs = tidy(() => {
    const u = randomUniform([T, B, nIn], { seed: 7 });
    const lo = tensor([0.3, 0.3, 0.3, 0.3, 0.02, 0.02, 0.02, 0.02]);
    const hi = tensor([0.02, 0.02, 0.02, 0.02, 0.3, 0.3, 0.3, 0.3]);
    const cls = cast(labels, 'float32').reshape([1, B, 1]);
    const p = add(mul(sub(1, cls), lo), mul(cls, hi));
    return cast(greater(p, u), 'float32');
  });
  const target = oneHot(labels, 2);
  let params = [
    variable(randomNormal([nIn, nH], { seed: 1, std: 0.5 }), { name: 'wIn' }),
    variable(randomNormal([nH, nH], { seed: 2, std: 0.1 }), { name: 'wRec' }),
    variable(randomNormal([nH, 2], { seed: 3, std: 0.5 }), { name: 'wOut' }),
  ];
  const state = {
    m: params.map((p) => keep(zerosLike(p))),
    v: params.map((p) => keep(zerosLike(p))),
    step: 0,
  };
  const xs = tidy(() =>
    Array.from({ length: T }, (_, t) => slice(inputs, [t, 0, 0], [1, B, nIn]).reshape([B, nIn])),
  );

  const forward = ([wIn, wRec, wOut]: Tensor[]) => {
    let v = zeros([B, nH]);
    let z = zeros([B, nH]);
    let count = zeros([B, nH]);
    for (let t = 0; t < T; t++) {
      // v <- 0.9 v (1 - z) + x W_in + z W_rec; z = H(v - 1). The reset is detached (as Norse).
      const current = add(matMul(xs[t], wIn), matMul(z, wRec));
      v = add(mul(mul(v, sub(1, detach(z))), 0.9), current);
      z = spikeFn(sub(v, 1));
      count = add(count, z);
    }
    const logits = matMul(div(count, T), wOut);
    return neg(mean(sum(mul(logSoftmax(logits), target), 1)));
  };

  const losses: number[] = [];
  const counts: number[] = [];
  for (let it = 0; it < 30; it++) {
    tidy(() => {
      const { value, grads } = valueAndGrads(() => forward(params), params);
      losses.push(value.item());
      // The input and recurrent weights learn only through the surrogate gradient of the spikes.
      if (it === 0) {
        expect(sum(abs(grads[0])).item()).toBeGreaterThan(0);
        expect(sum(abs(grads[1])).item()).toBeGreaterThan(0);
      }
      params = adamStep(params, grads, state, 0.05);
    });
    counts.push(memory().numTensors);
  }
  // The live tensor count is the same after every iteration.
  expect(new Set(counts).size).toBe(1);
  // Loss falls: the last five iterations average well below the first.
  const tail = losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
  expect(tail).toBeLessThan(losses[0] * 0.5);
  dispose([params, state.m, state.v, xs, inputs, labels, target]);
});

test('100 iterations of forward + backward + update keep memory() constant', () => {
  const x = randomNormal([16, 10], { seed: 4 });
  const y = oneHot(
    tensor(
      Array.from({ length: 16 }, (_, i) => i % 3),
      [16],
      'int32',
    ),
    3,
  );
  let params = [
    variable(randomNormal([10, 12], { seed: 5, std: 0.3 })),
    variable(zeros([12])),
    variable(randomNormal([12, 3], { seed: 6, std: 0.3 })),
  ];
  const state = {
    m: params.map((p) => keep(zerosLike(p))),
    v: params.map((p) => keep(zerosLike(p))),
    step: 0,
  };
  const snapshots: string[] = [];
  let first = 0;
  let last = 0;
  for (let it = 0; it < 100; it++) {
    tidy(() => {
      const { value, grads } = valueAndGrads(() => {
        const h = relu(add(matMul(x, params[0]), params[1]));
        return neg(mean(sum(mul(logSoftmax(matMul(h, params[2])), y), 1)));
      }, params);
      if (it === 0) first = value.item();
      last = value.item();
      params = adamStep(params, grads, state, 0.01);
    });
    const m = memory();
    snapshots.push(`${m.numTensors}/${m.numDataBuffers}/${m.numBytes}`);
  }
  expect(new Set(snapshots).size).toBe(1);
  expect(last).toBeLessThan(first);
  dispose([params, state.m, state.v, x, y]);
});
