import { tensor, tidy } from '@snn/core';
import { latency, roundHalfEven } from './index.js';

function rows(values: ArrayLike<number>, width: number): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < values.length; k += width) out.push(Array.from(values).slice(k, k + width));
  return out;
}

describe('latency (snnTorch spikegen.latency)', () => {
  it("reproduces snnTorch's docstring example (linear, normalize)", () => {
    tidy(() => {
      const spikes = latency(tensor([0.02, 0.5, 1], [3]), 5, { normalize: true, linear: true });
      expect(rows(spikes.dataSync(), 3)).toEqual([
        [0, 0, 1],
        [0, 0, 0],
        [0, 1, 0],
        [0, 0, 0],
        [1, 0, 0],
      ]);
    });
  });

  it('log code: t = tau*ln(x / (x - threshold)), one spike per feature at round(t)', () => {
    tidy(() => {
      // tau 5: x = 0.02 -> 5 ln 2 = 3.47 -> step 3; x = 0.5 -> 0.10 -> 0; x = 1 -> 0.05 -> 0; x = 0.011 -> 11.99 -> 12.
      const spikes = latency(tensor([0.02, 0.5, 1, 0.011], [4]), 20, { tau: 5 });
      const r = rows(spikes.dataSync(), 4);
      expect(r[0]).toEqual([0, 1, 1, 0]);
      expect(r[3]).toEqual([1, 0, 0, 0]);
      expect(r[12]).toEqual([0, 0, 0, 1]);
      expect(Array.from(spikes.dataSync()).reduce((a, b) => a + b, 0)).toBe(4);
    });
  });

  it('normalize stretches the latest spike to the last step', () => {
    tidy(() => {
      // t = 5 ln(x/(x - 0.01)) * 4 / max -> [4, 0.12, 0.06]
      const r = rows(latency(tensor([0.02, 0.5, 1], [3]), 5, { tau: 5, normalize: true }).dataSync(), 3);
      expect(r).toEqual([
        [0, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [1, 0, 0],
      ]);
    });
  });

  it('times past the last step clear the last step (as snnTorch), and clip removes sub-threshold features', () => {
    tidy(() => {
      // x = 0.005 < threshold saturates to a time of 5 ln(1e5) = 57.6 > 9: clamped, last step cleared.
      const r = rows(latency(tensor([0.5, 0.005, 0.0105], [3]), 10, { tau: 5 }).dataSync(), 3);
      expect(r[0]).toEqual([1, 0, 0]);
      expect(
        r
          .slice(1)
          .flat()
          .reduce((a, b) => a + b, 0),
      ).toBe(0);
      // Linear code: below-threshold features fire at tau*(1 - threshold) unless clipped.
      const lin = rows(latency(tensor([1, 0.001], [2]), 5, { linear: true, tau: 4 }).dataSync(), 2);
      expect(lin[0]).toEqual([1, 0]);
      expect(lin[4]).toEqual([0, 1]);
      const clipped = rows(
        latency(tensor([1, 0.001], [2]), 5, { linear: true, tau: 4, clip: true }).dataSync(),
        2,
      );
      expect(clipped[4]).toEqual([0, 0]);
    });
  });

  it('rounds half to even like torch.round', () => {
    tidy(() => {
      const r = Array.from(roundHalfEven(tensor([0.5, 1.5, 2.5, -0.5, 2.4, 2.6, 3.5], [7])).dataSync());
      expect(r.map((v) => v + 0)).toEqual([0, 2, 2, 0, 2, 3, 4]);
    });
  });

  it('rejects invalid arguments', () => {
    const x = tensor([0.5, 1.5], [2]);
    expect(() => latency(x, 0)).toThrow(/numSteps must be an integer >= 1/);
    expect(() => latency(x, 5, { threshold: 1 })).toThrow(/threshold must lie in \(0, 1\)/);
    expect(() => latency(x, 5, { tau: 0 })).toThrow(/tau must be > 0/);
    // Not errors: the linear code gives 2 the time -1, before the first step, so it never fires (0.5
    // fires at round(0.5) = 0); NaN never fires. The same on every backend, with no read-back.
    expect(Array.from(latency(tensor([0.5, 2], [2]), 5, { linear: true }).dataSync())).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(latency(tensor([Number.NaN, 0.5], [2]), 3).dataSync())).toEqual(
      Array.from(latency(tensor([-1, 0.5], [2]), 3, { clip: true }).dataSync()),
    );
    x.dispose();
  });
});
