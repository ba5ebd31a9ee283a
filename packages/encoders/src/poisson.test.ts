import { less, mul, randomUniform, tensor, tidy } from '@snn/core';
import { PoissonEncoder, poissonEncode } from './index.js';

/** |observed - p| within 5 standard errors of a Bernoulli(p) mean over `count` draws. */
function expectRate(observed: number, p: number, count: number): void {
  const se = Math.sqrt((p * (1 - p)) / count);
  expect(Math.abs(observed - p)).toBeLessThanOrEqual(5 * se + 1e-12);
}

function meanPerColumn(values: ArrayLike<number>, columns: number): number[] {
  const sums = new Array<number>(columns).fill(0);
  for (let k = 0; k < values.length; k++) sums[k % columns] += values[k];
  return sums.map((s) => s / (values.length / columns));
}

describe('poissonEncode (Norse poisson_encode)', () => {
  it('fires with probability fMax*dt*x per step (mean rate within 5 standard errors)', () => {
    tidy(() => {
      const x = tensor([0, 0.1, 0.5, 0.9, 1], [5]);
      const seqLength = 4000;
      const spikes = poissonEncode(x, seqLength, { fMax: 1000, dt: 0.001, seed: 7 });
      expect(spikes.shape).toEqual([seqLength, 5]);
      const rates = meanPerColumn(spikes.dataSync(), 5);
      expect(rates[0]).toBe(0);
      expect(rates[4]).toBe(1);
      [0.1, 0.5, 0.9].forEach((p, k) => {
        expectRate(rates[k + 1], p, seqLength);
      });
      // Norse's default: fMax 100 Hz at dt 1 ms, so x = 1 fires with probability 0.1.
      const slow = poissonEncode(tensor([1, 1, 1, 1], [4]), 5000, { seed: 3 });
      const r = Array.from(slow.dataSync()).reduce((a, b) => a + b, 0) / slow.size;
      expectRate(r, 0.1, slow.size);
    });
  });

  it('is u < fMax*dt*x with u from core randomUniform(seed) (so every backend gives the same spikes)', () => {
    tidy(() => {
      const x = tensor([0.2, 0.7, 0.4], [3]);
      const spikes = poissonEncode(x, 50, { fMax: 500, dt: 0.002, seed: 42, offset: 3 });
      const u = randomUniform([50, 3], { seed: 42, offset: 3 });
      const want = less(u, mul(x, 500 * 0.002));
      expect(Array.from(spikes.dataSync())).toEqual(Array.from(want.dataSync()));
    });
  });

  it('same seed, same spikes; another seed, other spikes', () => {
    tidy(() => {
      const x = tensor([0.5, 0.5, 0.5, 0.5], [4]);
      const a = poissonEncode(x, 64, { fMax: 1000, seed: 1 }).dataSync();
      const b = poissonEncode(x, 64, { fMax: 1000, seed: 1 }).dataSync();
      const c = poissonEncode(x, 64, { fMax: 1000, seed: 2 }).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).not.toEqual(Array.from(c));
    });
  });

  it('PoissonEncoder continues its stream: fresh spikes per batch, the same run for the same seed', () => {
    tidy(() => {
      const x = tensor([0.5, 0.5, 0.5, 0.5, 0.5], [5]);
      const e1 = new PoissonEncoder(20, 500, 0.001, { seed: 9 });
      const e2 = new PoissonEncoder(20, 500, 0.001, { seed: 9 });
      const first = Array.from(e1.forward(x).dataSync());
      const second = Array.from(e1.forward(x).dataSync());
      expect(first).not.toEqual(second);
      expect(Array.from(e2.forward(x).dataSync())).toEqual(first);
      expect(Array.from(e2.forward(x).dataSync())).toEqual(second);
      expect(e1.seed).toBe(9);
    });
  });

  it('rejects invalid arguments with clear errors', () => {
    const x = tensor([0.5], [1]);
    expect(() => poissonEncode(x, 0)).toThrow(/seqLength must be an integer >= 1, got 0/);
    expect(() => poissonEncode(x, 2.5)).toThrow(/seqLength must be an integer >= 1/);
    expect(() => poissonEncode(x, 10, { fMax: -1 })).toThrow(/fMax must be a finite number >= 0, got -1/);
    expect(() => poissonEncode(x, 10, { dt: 0 })).toThrow(/dt must be a finite number > 0/);
    expect(() => poissonEncode(x, 10, { seed: -3 })).toThrow(/seed must be a non-negative integer/);
    expect(() => new PoissonEncoder(-1)).toThrow(/PoissonEncoder: seqLength must be an integer >= 1/);
    x.dispose();
  });

  it('never fires for a NaN input (u < NaN is false, as in Norse), leaving the other inputs alone', () => {
    const withNaN = Array.from(
      poissonEncode(tensor([0.9, Number.NaN], [2]), 20, { fMax: 1000, seed: 4 }).dataSync(),
    );
    const plain = Array.from(poissonEncode(tensor([0.9, 0], [2]), 20, { fMax: 1000, seed: 4 }).dataSync());
    expect(withNaN).toEqual(plain);
    expect(plain.filter((_, k) => k % 2 === 0).some((s) => s === 1)).toBe(true);
  });
});
