import { tensor, tidy } from '@snn/core';
import { GaussianPopulationEncoder, populationEncode } from './index.js';

describe('population coding (Norse population_encode)', () => {
  it("reproduces Norse's docstring example", () => {
    tidy(() => {
      const v = populationEncode(tensor([0, 0.5, 1], [3]), 3).dataSync();
      const want = [1, 0.8825, 0.6065, 0.8825, 1, 0.8825, 0.6065, 0.8825, 1];
      want.forEach((w, k) => {
        expect(v[k]).toBeCloseTo(w, 4);
      });
    });
  });

  it('puts the population axis second: [B, outFeatures, ...]', () => {
    tidy(() => {
      const v = populationEncode(tensor([0.1, 0.9, 0.4, 0.6], [2, 2]), 5, { scale: 1, sigma: 0.5 });
      expect(v.shape).toEqual([2, 5, 2]);
      // Batch 0, feature 1 (x = 0.9), centre 4 (= 1): exp(-(0.1^2)/(2*0.25)).
      expect(v.dataSync()[0 * 10 + 4 * 2 + 1]).toBeCloseTo(Math.exp(-0.01 / 0.5), 6);
    });
  });

  it('GaussianPopulationEncoder gives reproducible Poisson spikes [T, B, outFeatures]', () => {
    tidy(() => {
      const x = tensor([0.2, 0.8], [2]);
      const a = new GaussianPopulationEncoder(30, 4, { fMax: 1000, seed: 3 }).forward(x);
      expect(a.shape).toEqual([30, 2, 4]);
      const b = new GaussianPopulationEncoder(30, 4, { fMax: 1000, seed: 3 }).forward(x);
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      expect(Array.from(a.dataSync()).every((s) => s === 0 || s === 1)).toBe(true);
    });
  });

  it('rejects invalid arguments', () => {
    expect(() => populationEncode(tensor([1], [1]), 0)).toThrow(/outFeatures must be an integer >= 1/);
    expect(() => populationEncode(tensor([1], [1]), 3, { sigma: 0 })).toThrow(
      /sigma must be a finite number > 0/,
    );
    expect(() => new GaussianPopulationEncoder(0, 3)).toThrow(/seqLength must be an integer >= 1/);
  });
});
