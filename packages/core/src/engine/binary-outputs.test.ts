import type { KernelBackend } from '../backend/kernel-backend.js';
import { createReferenceBackend } from '../backend/reference/reference-backend.js';
import {
  add,
  cast,
  conv2d,
  grads,
  less,
  lifFeedForwardSequence,
  matMul,
  maxPool2d,
  mul,
  randomUniform,
  registerBackend,
  removeBackend,
  reshape,
  setBackend,
  spike,
  stack,
  sum,
  tensor,
  tidy,
  transpose,
} from '../index.js';

/*
 * The binary (spike) mark: which kernels' outputs carry it, and that matMul and conv2d route marked
 * operands to the event-driven kernels with the dense path's values and gradients.
 */

/** The reference backend, recording each kernel call's name and attrs. */
function spyBackend(calls: { name: string; attrs: Record<string, unknown> }[]): KernelBackend {
  const ref = createReferenceBackend();
  const kernels: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ref.kernels)) {
    kernels[name] = (inputs: unknown, attrs: Record<string, unknown>) => {
      calls.push({ name, attrs });
      return (fn as (i: unknown, a: unknown) => unknown)(inputs, attrs);
    };
  }
  return Object.assign(ref, { name: 'spy', kernels }) as unknown as KernelBackend;
}

const calls: { name: string; attrs: Record<string, unknown> }[] = [];
beforeAll(async () => {
  registerBackend('spy', () => spyBackend(calls), -1);
  await setBackend('spy');
});
afterAll(async () => {
  removeBackend('spy');
  await setBackend('reference');
});

test('spikes are marked from the kernel that made them, and the mark follows movement', () => {
  tidy(() => {
    const x = randomUniform([4, 6], { seed: 1, low: -1, high: 1 });
    const s = spike(x);
    expect(x.binary).toBe(false);
    expect(s.binary).toBe(true);
    expect(reshape(s, [6, 4]).binary).toBe(true);
    expect(transpose(s).binary).toBe(true);
    expect(stack([s, s], 0).binary).toBe(true);
    expect(cast(less(x, 0), 'float32').binary).toBe(true);
    expect(mul(s, s).binary).toBe(true);
    expect(mul(s, 2).binary).toBe(false);
    expect(sum(s, 0).binary).toBe(false);
    const seq = lifFeedForwardSequence(randomUniform([3, 2, 5], { seed: 2, low: 0, high: 300 }));
    expect(seq.z.binary).toBe(true);
    expect(seq.v.binary).toBe(false);
    expect(maxPool2d(reshape(s, [1, 1, 4, 6]), 2).binary).toBe(true);
  });
});

test('matMul of spikes runs SpikeMatMul forward and for the weight gradient, with the dense values', () => {
  tidy(() => {
    const x = randomUniform([5, 7], { seed: 3, low: -1, high: 1 });
    const w = randomUniform([4, 7], { seed: 4, low: -1, high: 1 });
    const s = spike(x);
    const recast = cast(cast(s, 'bool'), 'float32'); // same values, mark kept...
    const plain = tensor(Array.from(s.dataSync()), s.shape); // ...same values, not marked
    expect(plain.binary).toBe(false);
    calls.length = 0;
    const [gw] = grads((ww) => sum(mul(matMul(s, ww, false, true), matMul(s, ww, false, true))))([w]);
    const names = calls.map((c) => c.name);
    // Forward once (the repeat reuses it), and the weight gradient (x^T dy, transposed).
    expect(names.filter((n) => n === 'SpikeMatMul').length).toBe(2);
    expect(calls.some((c) => c.name === 'SpikeMatMul' && c.attrs.transposeA === true)).toBe(true);
    calls.length = 0;
    const [gwDense] = grads((ww) => sum(mul(matMul(plain, ww, false, true), matMul(plain, ww, false, true))))(
      [w],
    );
    expect(calls.some((c) => c.name === 'SpikeMatMul')).toBe(false);
    expect(Array.from(gw.dataSync())).toEqual(Array.from(gwDense.dataSync()));
    expect(recast.binary).toBe(true);
  });
});

test('conv2d of spikes passes spikeInput to Conv2D and Conv2DBackpropFilter', () => {
  tidy(() => {
    const s = spike(randomUniform([2, 3, 6, 6], { seed: 5, low: -1, high: 1 }));
    const w = randomUniform([4, 3, 3, 3], { seed: 6, low: -1, high: 1 });
    calls.length = 0;
    grads((ww) => sum(conv2d(s, ww)))([w]);
    expect(calls.find((c) => c.name === 'Conv2D')?.attrs.spikeInput).toBe(true);
    expect(calls.find((c) => c.name === 'Conv2DBackpropFilter')?.attrs.spikeInput).toBe(true);
    calls.length = 0;
    grads((ww) => sum(conv2d(mul(s, 0.5), ww)))([w]);
    expect(calls.find((c) => c.name === 'Conv2D')?.attrs.spikeInput).toBeUndefined();
  });
});

test('a product repeated with the same operands is computed once; its gradient sums every use', () => {
  tidy(() => {
    const x = randomUniform([3, 5], { seed: 7, low: -1, high: 1 });
    const w = randomUniform([4, 5], { seed: 8, low: -1, high: 1 });
    const steps = 6;
    calls.length = 0;
    const [gw] = grads((ww) => {
      let total = sum(matMul(x, ww, false, true));
      for (let t = 1; t < steps; t++) total = add(total, sum(mul(matMul(x, ww, false, true), t)));
      return total;
    })([w]);
    expect(calls.filter((c) => c.name === 'MatMul').length).toBe(2); // forward once, dW once
    // d/dw of sum_t c_t * sum(x w^T) = (sum_t c_t) * colsum(x) per output row
    const c = 1 + 1 + 2 + 3 + 4 + 5;
    const xs = x.arraySync() as number[][];
    const colsum = [0, 1, 2, 3, 4].map((k) => xs.reduce((acc, row) => acc + row[k], 0));
    const want = [0, 1, 2, 3].flatMap(() => colsum.map((v) => v * c));
    expect(Array.from(gw.dataSync()).every((v, i) => Math.abs(v - want[i]) < 1e-4)).toBe(true);
  });
});
