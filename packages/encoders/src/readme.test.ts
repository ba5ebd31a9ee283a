import { mul, tensor } from '@snn/core';
import { ConstantCurrentLIFEncoder, latency, PoissonEncoder, rate } from './index.js';

// The README's example, as written there.
describe('README example', () => {
  it('runs and gives [T, batch, features] spike tensors', () => {
    const pixels = tensor([0, 0.25, 0.5, 1], [1, 4]);
    const current = new ConstantCurrentLIFEncoder(32).forward(mul(pixels, 3));
    const poisson = new PoissonEncoder(32, 100, 0.001, { seed: 1 }).forward(pixels);
    const rates = rate(pixels, 32, { seed: 1 });
    const latencies = latency(pixels, 8, { normalize: true, linear: true });
    expect([current.shape, poisson.shape, rates.shape, latencies.shape]).toEqual([
      [32, 1, 4],
      [32, 1, 4],
      [32, 1, 4],
      [8, 1, 4],
    ]);
    expect(Array.from(current.dataSync()).some((s) => s === 1)).toBe(true);
  });
});
