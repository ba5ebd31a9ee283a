import { uniformFloat32 } from '../../random/philox.js';
import { type KernelCase, t } from '../case-types.js';
import { product } from '../host-math.js';

/*
 * RandomUniform: the stream must equal random/philox.ts (the specification) bit for bit, for any
 * seed/offset/shape, and look uniform.
 */

const streams: [number[], number, number][] = [
  [[5], 0, 0],
  [[2, 3], 1, 0],
  [[4, 4, 3], 42, 7],
  [[], 3, 0],
  [[1], 3, 0],
  [[2, 1, 3, 2], 123456789, 1000],
  [[9], 2 ** 40 + 3, 2 ** 33 + 5],
  [[7], 2 ** 32, 2 ** 32 - 1],
  [[3, 5], 2 ** 53 - 1, 0],
];

export const randomCases: readonly KernelCase[] = [
  ...streams.map(
    ([shape, seed, offset]): KernelCase => ({
      kernel: 'RandomUniform',
      name: `stream equals philox.ts: shape [${shape.join(', ')}] seed ${seed} offset ${offset}`,
      inputs: {},
      attrs: { shape, seed, offset },
      expected: t(uniformFloat32(product(shape), seed, offset), shape),
      tolerance: 0,
    }),
  ),
  {
    kernel: 'RandomUniform',
    name: 'a stream continues at offset + ceil(n / 4)',
    inputs: {},
    attrs: { shape: [8], seed: 11, offset: 3 },
    expected: t(uniformFloat32(20, 11, 0).subarray(12), [8]),
    tolerance: 0,
  },
  {
    kernel: 'RandomUniform',
    name: 'uniform on [0, 1): mean 1/2, variance 1/12 over 4096 draws',
    inputs: {},
    attrs: { shape: [64, 64], seed: 2024, offset: 0 },
    check: ([out]) => {
      const v = out.values;
      if (v.length !== 4096) throw new Error(`expected 4096 values, got ${v.length}`);
      let sum = 0;
      let sq = 0;
      for (const x of v) {
        if (!(x >= 0 && x < 1)) throw new Error(`value ${x} outside [0, 1)`);
        sum += x;
        sq += x * x;
      }
      const mean = sum / v.length;
      const variance = sq / v.length - mean * mean;
      // Standard errors: mean 0.0045, variance 0.0012; these bounds are about 4 sigma.
      if (Math.abs(mean - 0.5) > 0.018) throw new Error(`mean ${mean} is not near 0.5`);
      if (Math.abs(variance - 1 / 12) > 0.005) throw new Error(`variance ${variance} is not near 1/12`);
    },
  },
];

/** RandomBernoulli's definition on the host: 1 where philox.ts's u_i < p[i % n]. */
function bernoulli(p: readonly number[], steps: number, seed: number, offset: number): number[] {
  const u = uniformFloat32(steps * p.length, seed, offset);
  return Array.from(u, (ui, i) => (ui < p[i % p.length] ? 1 : 0));
}

const bernoulliStreams: [number[], number[], number, number, number][] = [
  // p shape, p values, steps, seed, offset
  [[2, 3], [0, 1, 0.5, 0.25, 0.75, Number.NaN], 4, 5, 2],
  [[], [0.3], 9, 1, 0],
  [[3], [0.1, 0.9, 0.5], 7, 2 ** 40 + 3, 2 ** 33 + 5],
  [[37], Array.from({ length: 37 }, (_, k) => k / 36), 11, 2024, 17],
  // Rows whose length is a multiple of 4 and mostly zero, as an image's pixels (a backend may skip
  // the blocks that hold no p > 0; the stream of the others must not move), with negative, NaN and
  // above-1 probabilities, and counters that carry into the high word.
  [[3, 8], imageLike(3, 8), 5, 77, 2 ** 32 - 9],
  [[2, 2, 12], imageLike(4, 12), 6, 2 ** 45 + 11, 3],
];

/** p [rows, cols]: zeros but for a few stretches of values in (0, 1], some exotic. */
function imageLike(rows: number, cols: number): number[] {
  const special = [0.5, -0.25, Number.NaN, 1, 1.5, 0.75, 0.125];
  return Array.from({ length: rows * cols }, (_, i) => {
    const r = Math.floor(i / cols);
    const c = i % cols;
    if (r % 3 === 2 || c < 4 || c >= cols - 2) return 0;
    return special[(i * 5) % special.length];
  });
}

export const randomBernoulliCases: readonly KernelCase[] = bernoulliStreams.map(
  ([shape, p, steps, seed, offset]): KernelCase => ({
    kernel: 'RandomBernoulli',
    name: `spikes where philox.ts's uniform < p: p [${shape.join(', ')}], ${steps} steps, seed ${seed} offset ${offset}`,
    inputs: { p: t(p, shape) },
    attrs: { steps, seed, offset },
    expected: t(bernoulli(p, steps, seed, offset), [steps, ...shape]),
    tolerance: 0,
  }),
);
