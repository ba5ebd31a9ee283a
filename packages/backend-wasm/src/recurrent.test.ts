import * as snn from '@snn/core';
import { registerTestBackends, removeTestBackends, THREADED } from './test-utils/backends.js';

/*
 * The recurrent LIF layer's fused kernels (csrc/recurrent.c), at 1 and 2 threads, against the
 * reference backend, which runs core's decompositions (the step loop: lifRecurrentStep's ops per
 * step): lifRecurrentSpikes' spikes bit for bit and its gradients to float32 rounding, and each kernel
 * on its own, with a non-binary initial z, a batch the threads split unevenly, widths that take the
 * kernels' vector and scalar tails, and every surrogate path (fused formula, table, reset kept).
 */
beforeAll(registerTestBackends);
afterAll(removeTestBackends);

/** Deterministic pseudo-random values in [lo, hi). */
function values(count: number, seed: number, lo: number, hi: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

const P: Partial<snn.LIFParameters> = { alpha: 100, vTh: 0.5, tauMemInv: 100 };

/** Spikes and d(weighted spikes)/d(currents, weights, initial state) on `backend`. */
async function probe(backend: string, [T, B, N]: number[], withState: boolean, p = P) {
  await snn.setBackend(backend);
  return snn.tidy(() => {
    const c = snn.tensor(values(T * B * N, 1, 0, 60), [T, B, N]);
    const w = snn.tensor(values(N * N, 2, -2, 2), [N, N]);
    const z0 = snn.tensor(
      values(B * N, 3, 0, 1).map((u) => (u > 0.6 ? 1 : 0)),
      [B, N],
    );
    const v0 = snn.tensor(values(B * N, 4, 0, 0.5), [B, N]);
    const i0 = snn.tensor(values(B * N, 5, 0, 5), [B, N]);
    const weights = snn.tensor(values(T * B * N, 6, -1, 1), [T, B, N]);
    const xs = withState ? [c, w, z0, v0, i0] : [c, w];
    const run = (a: snn.Tensor[]) =>
      snn.lifRecurrentSpikes(a[0], withState ? { z: a[2], v: a[3], i: a[4] } : null, a[1], p);
    const f = (...a: snn.Tensor[]) => snn.sum(snn.mul(run(a), weights));
    const z = run(xs);
    return {
      z: Array.from(z.dataSync()),
      grads: snn
        .grads(f)(xs)
        .map((g) => Array.from(g.dataSync())),
    };
  });
}

function expectAllClose(got: number[][], want: number[][], rtol = 1e-5) {
  expect(got.length).toBe(want.length);
  for (const [k, g] of want.entries()) {
    const scale = Math.max(...g.map(Math.abs));
    const diff = Math.max(...g.map((v, j) => Math.abs(v - got[k][j])));
    expect({ k, ok: diff <= rtol * scale + 1e-7 }).toEqual({ k, ok: true });
  }
}

const SHAPES = [
  [9, 5, 19],
  [4, 7, 36],
];

describe.each(THREADED)('%s', (name) => {
  afterAll(() => snn.setBackend('reference'));

  test('has the fused kernels', async () => {
    await snn.setBackend(name);
    expect(snn.hasKernel('LIFRecurrentSequence') && snn.hasKernel('LIFRecurrentSequenceGrad')).toBe(true);
  });

  test.each(SHAPES.flatMap((shape) => [false, true].map((s) => [shape, s] as const)))(
    'lifRecurrentSpikes %j (state %s) equals the reference step loop',
    async (shape, withState) => {
      const want = await probe('reference', shape, withState);
      const got = await probe(name, shape, withState);
      expect(want.z.some((z) => z === 1) && want.z.some((z) => z === 0)).toBe(true);
      expect(got.z).toEqual(want.z);
      expectAllClose(got.grads, want.grads);
    },
  );

  test.each([
    ['atan', false, 2],
    ['superspike', true, 100],
    ['erf', false, 1],
  ] as const)(
    'the kernels with surrogate %s (reset detached %s) equal the reference',
    async (surrogate, detach, alpha) => {
      const run = async (backend: string) => {
        await snn.setBackend(backend);
        return snn.tidy(() => {
          const [T, B, N] = [6, 3, 10];
          const attrs = {
            tauSynInv: 200,
            tauMemInv: 100,
            vLeak: 0,
            vTh: 0.5,
            vReset: 0,
            dt: 0.001,
            surrogate,
            alpha,
            detachReset: detach,
          } as snn.LIFSequenceAttrs;
          const x = snn.tensor(values(T * B * N, 11, 0, 80), [T, B, N]);
          const w = snn.tensor(values(N * N, 12, -1, 1), [N, N]);
          // z0 holds values other than 0 and 1: the forward weights them.
          const z0 = snn.tensor(values(B * N, 13, -0.5, 1.5), [B, N]);
          const v0 = snn.tensor(values(B * N, 14, 0, 0.5), [B, N]);
          const i0 = snn.tensor(values(B * N, 15, 0, 3), [B, N]);
          const [z, vd] = snn.runKernel('LIFRecurrentSequence', { x, w, z0, v0, i0 }, attrs);
          const dz = snn.tensor(values(T * B * N, 16, -1, 1), [T, B, N]);
          const back = snn.runKernel('LIFRecurrentSequenceGrad', { z, vDecayed: vd, dz, w }, attrs);
          return [z, vd, ...back].map((t) => Array.from(t.dataSync()));
        });
      };
      const want = await run('reference');
      const got = await run(name);
      expect(got[0]).toEqual(want[0]);
      expectAllClose(got.slice(1), want.slice(1), 1e-5);
    },
  );
});
