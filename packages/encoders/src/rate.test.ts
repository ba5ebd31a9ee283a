import { cast, less, mul, randomUniform, tensor, tidy } from '@snn/core';
import { PoissonEncoder, rate } from './index.js';

describe('rate (snnTorch spikegen.rate, SpikingJelly PoissonEncoder)', () => {
  it('p = clip(x*gain + offset, 0, 1): x <= 0 never fires, x >= 1 always, 0.3 at rate 0.3', () => {
    tidy(() => {
      const x = tensor([-0.5, 0, 0.3, 1, 2], [5]);
      const steps = 4000;
      const spikes = rate(x, steps, { seed: 11 });
      expect(spikes.shape).toEqual([steps, 5]);
      const v = spikes.dataSync();
      const sums = [0, 0, 0, 0, 0];
      for (let k = 0; k < v.length; k++) sums[k % 5] += v[k];
      expect(sums[0]).toBe(0);
      expect(sums[1]).toBe(0);
      expect(sums[3]).toBe(steps);
      expect(sums[4]).toBe(steps);
      const se = Math.sqrt((0.3 * 0.7) / steps);
      expect(Math.abs(sums[2] / steps - 0.3)).toBeLessThanOrEqual(5 * se);
    });
  });

  it('gain, offset and firstSpikeTime', () => {
    tidy(() => {
      const x = tensor([0.25, 0.5], [2]);
      const always = rate(x, 6, { gain: 2, offset: 0.5, seed: 1, firstSpikeTime: 2 });
      expect(Array.from(always.dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
      const never = rate(x, 6, { gain: -1, seed: 1 });
      expect(Array.from(never.dataSync())).toEqual(new Array(12).fill(0));
    });
  });

  it('is reproducible by seed and batch-shaped [T, ...x.shape]', () => {
    tidy(() => {
      const x = tensor([0.5, 0.2, 0.8, 0.4, 0.6, 0.1], [2, 3]);
      const a = rate(x, 10, { seed: 5 });
      expect(a.shape).toEqual([10, 2, 3]);
      expect(Array.from(rate(x, 10, { seed: 5 }).dataSync())).toEqual(Array.from(a.dataSync()));
      expect(Array.from(rate(x, 10, { seed: 6 }).dataSync())).not.toEqual(Array.from(a.dataSync()));
    });
  });

  it('rejects invalid arguments', () => {
    const x = tensor([0.5], [1]);
    expect(() => rate(x, 0)).toThrow(/numSteps must be an integer >= 1/);
    expect(() => rate(x, 4, { firstSpikeTime: 4 })).toThrow(
      /firstSpikeTime must be an integer in \[0, numSteps - 1 = 3\]/,
    );
    // NaN is a probability like any other value: clip keeps it NaN and u < NaN never fires.
    expect(Array.from(rate(tensor([Number.NaN, 1], [2]), 4, { seed: 1 }).dataSync())).toEqual([
      0, 1, 0, 1, 0, 1, 0, 1,
    ]);
    x.dispose();
  });

  it('draws the spikes u < p of the Philox uniforms at the stream position, call after call (rate and Poisson)', () => {
    tidy(() => {
      const x = tensor([0.1, 0.5, 0.9, 0.3, 0.7, 1, 0, 0.2, 0.6], [3, 3]);
      const u = randomUniform([5, 3, 3], { seed: 7, offset: 2 });
      const want = Array.from(cast(less(u, x), 'float32').dataSync());
      expect(Array.from(rate(x, 5, { seed: 7, randomOffset: 2 }).dataSync())).toEqual(want);
      expect(rate(x, 5, { seed: 7 }).binary).toBe(true);
      // 45 uniforms use 12 counters: the second call starts at offset 12.
      const encoder = new PoissonEncoder(5, 500, 0.001, { seed: 3 });
      encoder.forward(x);
      const p = mul(x, 0.5);
      const second = cast(less(randomUniform([5, 3, 3], { seed: 3, offset: 12 }), p), 'float32');
      expect(Array.from(encoder.forward(x).dataSync())).toEqual(Array.from(second.dataSync()));
    });
  });
});
