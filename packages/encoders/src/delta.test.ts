import { tensor, tidy } from '@snn/core';
import { delta } from './index.js';

describe('delta (snnTorch spikegen.delta)', () => {
  it("follows snnTorch's code on its docstring examples", () => {
    tidy(() => {
      // snnTorch's docstring prints [1, 1, 0, 1, 0] here, but its code compares 3 - 2.9 = 0.1 >= 1: no spike.
      const a = tensor([1, 2, 2.9, 3, 3.9], [5]);
      expect(Array.from(delta(a, { threshold: 1 }).dataSync())).toEqual([1, 1, 0, 0, 0]);
      expect(Array.from(delta(a, { threshold: 1, padding: true }).dataSync())).toEqual([0, 1, 0, 0, 0]);
      const b = tensor([1, 2, 0, 2, 2.9], [5]);
      expect(Array.from(delta(b, { threshold: 1, offSpike: true }).dataSync())).toEqual([1, 1, -1, 1, 0]);
      expect(Array.from(delta(b, { threshold: 1, padding: true, offSpike: true }).dataSync())).toEqual([
        0, 1, -1, 1, 0,
      ]);
    });
  });

  it('works on [T, batch, features] and T = 1', () => {
    tidy(() => {
      const x = tensor([0, 0.5, 0.2, 0.2, 0.5, 0.05], [3, 1, 2]);
      expect(Array.from(delta(x).dataSync())).toEqual([0, 1, 1, 0, 1, 0]);
      expect(Array.from(delta(tensor([0.3], [1])).dataSync())).toEqual([1]);
    });
  });

  it('rejects a scalar; a NaN change fires nothing', () => {
    expect(() => delta(tensor(1))).toThrow(/time-major/);
    expect(Array.from(delta(tensor([0.5, Number.NaN, 0.2, 0.9], [4, 1])).dataSync())).toEqual([1, 0, 0, 1]);
  });
});
