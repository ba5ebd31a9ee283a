import { ENGINE } from '../engine/engine.js';
import { referenceVariant } from '../engine/test-utils/backends.js';
import {
  abs,
  add,
  argMax,
  broadcastTo,
  cast,
  clip,
  concat,
  conv2d,
  div,
  exp,
  expandDims,
  floor,
  GradientError,
  greater,
  log,
  logSoftmax,
  matMul,
  max,
  maximum,
  maxPool2d,
  mean,
  min,
  minimum,
  mul,
  neg,
  oneHot,
  pad,
  pow,
  reciprocal,
  registerBackend,
  relu,
  runKernel,
  setBackend,
  sigmoid,
  sign,
  slice,
  softmax,
  spike,
  spikeMatMul,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
  tidy,
  transpose,
  unstack,
  valueAndGrads,
  where,
} from '../index.js';
import { checkGradients } from '../testing/grad-check.js';

/*
 * Every gradient rule against central finite differences (float32 data, eps 1e-2, float64 host sums;
 * tolerance |analytic - numeric| <= 1e-3 + 1e-2 |numeric| unless a test states otherwise). Inputs
 * keep away from kinks (0 for abs, ties for max) so the finite difference is meaningful.
 */

/** Deterministic, distinct values in [lo, hi). */
function data(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => {
    const u = Math.abs(Math.sin(seed * 97.13 + i * 12.9898) * 43758.5453) % 1;
    return lo + (hi - lo) * u;
  });
  return tensor(v, shape);
}

/** Away from zero: |x| in [0.3, 1.3), random sign. */
function awayFromZero(shape: number[], seed: number): Tensor {
  return tidy(() => {
    const m = data(shape, seed, 0.3, 1.3);
    const s = sign(data(shape, seed + 50));
    return mul(m, s);
  });
}

const check = (f: (...xs: Tensor[]) => Tensor, xs: Tensor[], opts = {}) => checkGradients(f, xs, opts);

describe.each([
  ['native optional kernels', 'reference'],
  ['decompositions only', 'required-only'],
])('gradient rules (%s)', (_label, backend) => {
  beforeAll(async () => {
    registerBackend('required-only', () => referenceVariant('required-only'), -1);
    await setBackend(backend);
  });

  test('Add, Sub, Mul, Div with broadcasting', async () => {
    const a = data([2, 3], 1);
    const b = data([3], 2);
    const c = data([2, 1], 3, 0.5, 2);
    await check((x, y) => add(x, y), [a, b]);
    await check((x, y) => sub(x, y), [a, c]);
    await check((x, y) => mul(x, y), [a, b]);
    await check((x, y) => div(x, y), [a, c]);
    await check((x) => div(mul(x, 3), 2), [a]);
    await check((x) => sub(1, x), [b]);
  });

  test('Pow (both operands), Maximum, Minimum', async () => {
    const a = data([2, 3], 4, 0.5, 2);
    const b = data([2, 3], 5, -1.5, 1.5);
    await check((x, y) => pow(x, y), [a, b]);
    await check((x) => pow(x, 3), [b]);
    await check((x, y) => maximum(x, y), [a, b]);
    await check((x, y) => minimum(x, y), [a, data([3], 6, 0, 3)]);
    await check((x) => clip(x, -0.5, 0.5), [data([7], 7, -1.2, 1.2)]);
  });

  test('unary math', async () => {
    const x = awayFromZero([2, 3], 8);
    const pos = data([2, 3], 9, 0.3, 2);
    await check((t) => neg(t), [x]);
    await check((t) => abs(t), [x]);
    await check((t) => exp(t), [x]);
    await check((t) => log(t), [pos]);
    await check((t) => sqrt(t), [pos]);
    await check((t) => reciprocal(t), [x]);
    await check((t) => tanh(t), [x]);
    await check((t) => square(t), [x]);
    await check((t) => sigmoid(t), [mul(x, 4)]);
    await check((t) => relu(t), [x]);
  });

  test('piecewise-constant ops have zero gradient (Sign, Floor, Spike)', async () => {
    // Values away from integers and from 0, so the finite difference is exactly 0 too.
    const x = add(awayFromZero([6], 10), 0.05);
    const f = add(floor(mul(x, 2)), 0.5);
    await check((t) => add(mul(sign(t), 3), t), [x]);
    await check((t) => mul(floor(t), t), [f]);
    await check((t) => mul(spike(t), t), [x]);
  });

  test('Where (condition has no gradient), Cast float32 -> float32', async () => {
    const c = data([2, 3], 11);
    const a = data([2, 3], 12);
    const b = data([3], 13);
    await check((x, y) => where(greater(c, 0), x, y), [a, b]);
    await check((x) => runKernel('Cast', { x }, { dtype: 'float32' }), [a]);
  });

  test('Sum, Max, mean, min over axes', async () => {
    const x = data([2, 3, 4], 14);
    await check((t) => sum(t), [x]);
    await check((t) => sum(t, [0, 2]), [x]);
    await check((t) => sum(t, -1, true), [x]);
    // Max: a step of eps 1e-3 stays below the gap between the largest values.
    await check((t) => max(t, 1), [x], { eps: 1e-3, atol: 2e-3 });
    await check((t) => max(t, [0, 2], true), [x], { eps: 1e-3, atol: 2e-3 });
    await check((t) => mean(t, 1), [x]);
    await check((t) => min(t, 2), [x], { eps: 1e-3, atol: 2e-3 });
  });

  test('MatMul and SpikeMatMul in all transpose cases, batched and broadcast', async () => {
    const a = data([3, 4], 15);
    const b = data([4, 2], 16);
    await check((x, y) => matMul(x, y), [a, b]);
    await check((x, y) => matMul(x, y, true, false), [data([4, 3], 17), b]);
    await check((x, y) => matMul(x, y, false, true), [a, data([2, 4], 18)]);
    await check((x, y) => matMul(x, y, true, true), [data([4, 3], 19), data([2, 4], 20)]);
    await check((x, y) => matMul(x, y), [data([2, 3, 4], 21), data([1, 4, 2], 22)]);
    await check((x, y) => matMul(x, y, true, false), [data([1, 4, 3], 23), data([2, 4, 2], 24)]);
    await check((x, y) => matMul(x, y), [data([3, 4], 25), data([2, 4, 2], 26)]);
    await check((x, y) => spikeMatMul(x, y), [a, b]);
    await check((x, y) => spikeMatMul(x, y, true, true), [data([4, 3], 27), data([2, 4], 28)]);
  });

  test('movement: Transpose, Slice, Concat, Pad, BroadcastTo, reshape, stack, unstack', async () => {
    const x = data([2, 3, 4], 29);
    await check((t) => transpose(t, [2, 0, 1]), [x]);
    await check((t) => slice(t, [0, 1, 1], [2, 2, -1]), [x]);
    await check((a, b, c) => concat([a, b, c], 1), [data([2, 1, 4], 30), x, data([2, 2, 4], 31)]);
    await check(
      (t) =>
        pad(
          t,
          [
            [1, 0],
            [0, 2],
            [1, 1],
          ],
          0.5,
        ),
      [x],
    );
    await check((t) => broadcastTo(t, [2, 3, 4]), [data([3, 1], 32)]);
    await check((t) => mul(t.reshape([6, 4]), data([4], 33)), [x]);
    await check((a, b) => stack([a, b], 1), [data([2, 3], 34), data([2, 3], 35)]);
    await check((t) => mul(unstack(t, 1)[2], 2), [x]);
    await check((t) => squeeze(expandDims(t, 1)), [data([3], 36)]);
  });

  test('Conv2D (stride, padding) through its two backprop kernels', async () => {
    const x = data([2, 2, 5, 5], 37);
    const w = data([3, 2, 3, 3], 38);
    await check((a, b) => conv2d(a, b), [x, w]);
    await check((a, b) => conv2d(a, b, { stride: 2, padding: 1 }), [x, w]);
    await check(
      (a, b) => conv2d(a, b, { stride: [1, 2], padding: [0, 1] }),
      [data([1, 2, 4, 5], 39), data([2, 2, 2, 3], 40)],
    );
  });

  test('MaxPool through MaxPoolGrad (distinct values: no ties)', async () => {
    const x = data([1, 2, 5, 6], 41);
    await check((t) => maxPool2d(t, 2), [x]);
    await check((t) => maxPool2d(t, 3, 2, 1), [x]);
    await check((t) => maxPool2d(t, [2, 3], [1, 2]), [x]);
  });

  test('LogSoftmax and softmax along any axis', async () => {
    const x = data([3, 4], 42, -2, 2);
    await check((t) => logSoftmax(t), [x]);
    await check((t) => logSoftmax(t, 0), [x]);
    await check((t) => softmax(t, 1), [x]);
  });
});

describe('gradient flow', () => {
  test('a tensor used several times accumulates its gradients', () => {
    const x = tensor([1, 2, 3]);
    const { grads } = valueAndGrads(() => sum(add(mul(x, x), mul(x, 3))), [x]);
    expect(Array.from(grads[0].dataSync())).toEqual([5, 7, 9]);
  });

  test('an x the result does not depend on gets zeros', () => {
    const x = tensor([1, 2]);
    const unused = tensor([[1, 2, 3]]);
    const { grads } = valueAndGrads(() => sum(mul(x, 2)), [x, unused]);
    expect(grads[1].shape).toEqual([1, 3]);
    expect(Array.from(grads[1].dataSync())).toEqual([0, 0, 0]);
  });

  test('non-differentiable ops name themselves when they stop every path', () => {
    const x = tensor([0.5, -1, 2]);
    expect(() => valueAndGrads(() => sum(oneHot(argMax(expandDims(x, 0), 1), 3)), [x])).toThrow(
      /ArgMax, which is not differentiable/,
    );
    expect(() => valueAndGrads(() => sum(cast(greater(x, 0), 'float32')), [x])).toThrow(/Greater/);
    expect(() => valueAndGrads(() => sum(cast(cast(x, 'int32'), 'float32')), [x])).toThrow(GradientError);
    expect(() => valueAndGrads(() => sum(cast(cast(x, 'int32'), 'float32')), [x])).toThrow(/Cast/);
    // A second, differentiable path makes it fine: the comparison path just contributes nothing.
    const { grads } = valueAndGrads(() => sum(mul(x, cast(greater(x, 0), 'float32'))), [x]);
    expect(Array.from(grads[0].dataSync())).toEqual([1, 0, 1]);
  });

  test('Spike without a surrogate passes zeros, not an error', () => {
    const x = tensor([0.5, -1, 2]);
    const { grads } = valueAndGrads(() => sum(spike(x)), [x]);
    expect(Array.from(grads[0].dataSync())).toEqual([0, 0, 0]);
  });

  test('engine check: gradients are recorded only inside a gradient computation', () => {
    const before = ENGINE.isRecording;
    expect(before).toBe(false);
  });
});
