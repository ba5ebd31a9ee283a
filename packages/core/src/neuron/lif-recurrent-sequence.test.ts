import {
  dispose,
  grads,
  memory,
  mul,
  stack,
  sum,
  type Tensor,
  tensor,
  tidy,
  unstack,
  valueAndGrads,
} from '../index.js';
import { type LIFParameters, type LIFState, lifRecurrentSpikes, lifRecurrentStep } from './index.js';

/** Deterministic pseudo-random values in [lo, hi). */
function values(count: number, seed: number, lo: number, hi: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

const [T, B, N] = [9, 3, 16];
const P: Partial<LIFParameters> = { alpha: 100, vTh: 0.5, tauMemInv: 100 };

/** The step loop lifRecurrentSpikes replaces. */
function stepLoop(c: Tensor, s: LIFState | null, w: Tensor, p: Partial<LIFParameters>): Tensor {
  const zs: Tensor[] = [];
  let state = s;
  for (const ct of unstack(c, 0)) {
    const [z, next] = lifRecurrentStep(ct, state, w, p);
    zs.push(z);
    state = next;
  }
  return stack(zs, 0);
}

type Run = (c: Tensor, s: LIFState | null, w: Tensor, p: Partial<LIFParameters>) => Tensor;

/** Spikes and d(weighted spikes)/d(currents, weights, initial state). */
function probe(run: Run, withState: boolean, p: Partial<LIFParameters> = P) {
  return tidy(() => {
    const c = tensor(values(T * B * N, 1, 0, 60), [T, B, N]);
    const w = tensor(values(N * N, 2, -2, 2), [N, N]);
    const z0 = tensor(
      values(B * N, 3, 0, 1).map((u) => (u > 0.6 ? 1 : 0)),
      [B, N],
    );
    const v0 = tensor(values(B * N, 4, 0, 0.5), [B, N]);
    const i0 = tensor(values(B * N, 5, 0, 5), [B, N]);
    const weights = tensor(values(T * B * N, 6, -1, 1), [T, B, N]);
    const xs = withState ? [c, w, z0, v0, i0] : [c, w];
    const f = (...a: Tensor[]) =>
      sum(mul(run(a[0], withState ? { z: a[2], v: a[3], i: a[4] } : null, a[1], p), weights));
    const z = run(c, withState ? { z: z0, v: v0, i: i0 } : null, w, p);
    return { z: Array.from(z.dataSync()), grads: grads(f)(xs).map((g) => Array.from(g.dataSync())) };
  });
}

function expectGradsClose(got: number[][], want: number[][]) {
  expect(got.length).toBe(want.length);
  for (const [k, g] of want.entries()) {
    const scale = Math.max(...g.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    const diff = Math.max(...g.map((v, j) => Math.abs(v - got[k][j])));
    expect(diff).toBeLessThanOrEqual(1e-5 * scale);
  }
}

describe('lifRecurrentSpikes', () => {
  it.each([false, true])(
    'equals the lifRecurrentStep loop: spikes bit for bit, gradients to float32 rounding (state %s)',
    (withState) => {
      const want = probe(stepLoop, withState);
      const got = probe(lifRecurrentSpikes, withState);
      expect(want.z.some((z) => z === 1) && want.z.some((z) => z === 0)).toBe(true);
      expect(got.z).toEqual(want.z);
      expectGradsClose(got.grads, want.grads);
    },
  );

  it('with a tensor parameter (no fused kernel) it is the step loop', () => {
    const p = { ...P, vTh: tensor(values(N, 7, 0.3, 0.7), [N]) };
    const want = probe(stepLoop, true, p);
    expect(probe(lifRecurrentSpikes, true, p)).toEqual(want);
    p.vTh.dispose();
  });

  it('leaves no tensor behind and names wrong shapes', () => {
    const c = tensor(values(T * B * N, 1, 0, 60), [T, B, N]);
    const w = tensor(values(N * N, 2, -2, 2), [N, N]);
    const once = () => {
      const r = valueAndGrads(() => sum(lifRecurrentSpikes(c, null, w, P)), [c, w]);
      dispose([r.value, ...r.grads]);
      lifRecurrentSpikes(c, null, w, P).dispose();
    };
    once(); // warm-up: core caches its zero and scalar constants per backend
    const before = memory().numTensors;
    once();
    expect(memory().numTensors).toBe(before);
    expect(() => lifRecurrentSpikes(c, null, tensor([1, 2, 3, 4], [2, 2]))).toThrow(
      /recurrentWeights has shape \[2, 2\] but currents \[9, 3, 16\] need \[16, 16\]/,
    );
    expect(() => lifRecurrentSpikes(w, null, w)).toThrow(/currents must be \[T, batch, n\]/);
    c.dispose();
    w.dispose();
  });
});
