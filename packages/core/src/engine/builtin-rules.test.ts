import {
  getDecomposition,
  getGradient,
  grads,
  hasKernel,
  type LIFSequenceAttrs,
  mul,
  registerBackend,
  runKernel,
  setBackend,
  sum,
  tensor,
  tidy,
} from '../index.js';
import { referenceWithout } from '../neuron/test-utils/no-fused-backend.js';

/*
 * The fused neuron kernels' gradient rules and decompositions are core built-ins, installed with the
 * other rules: a caller whose FIRST use is runKernel (no lifFeedForwardSequence, no surrogate factory
 * before it) gets them. Jest gives this file a fresh engine, so nothing ran before these tests.
 */

const attrs: LIFSequenceAttrs = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 0.3,
  vReset: -0.1,
  dt: 0.001,
  surrogate: 'atan',
  alpha: 2,
  detachReset: false,
};

/** d(sum(z*w) + sum(v))/d(x, v0, i0) through runKernel('LIFSequence') directly. */
function gradsThroughRunKernel(): number[][] {
  return tidy(() => {
    const x = tensor([3, 0.5, 4, 0.1, 2.5, 3, 0.2, 4.5], [4, 2]);
    const v0 = tensor([0.1, 0.25], [2]);
    const i0 = tensor([1, 2], [2]);
    const w = tensor([1, -2, 0.5, 3, -1, 2, 1, -0.5], [4, 2]);
    const g = grads((xx, vv, ii) => {
      const [z, v] = runKernel('LIFSequence', { x: xx, v0: vv, i0: ii }, attrs);
      return mul(sum(mul(z, w)), sum(v));
    })([x, v0, i0]);
    return g.map((t) => Array.from(t.dataSync()));
  });
}

describe('built-in rules of the fused neuron kernels', () => {
  it('are installed before any neuron function runs', () => {
    expect(getGradient('LIFSequence')).toBeDefined();
    expect(getGradient('LISequence')).toBeDefined();
    for (const name of [
      'LIFSequence',
      'LIFSequenceGrad',
      'LISequence',
      'LISequenceGrad',
      'SpikeGrad',
    ] as const) {
      expect(getDecomposition(name)).toBeDefined();
    }
  });

  it('runKernel first: gradients on the native kernels and through the decompositions agree', async () => {
    const native = gradsThroughRunKernel();
    expect(native.flat().some((g) => g !== 0)).toBe(true);
    registerBackend(
      'reference-no-fused-first',
      () =>
        referenceWithout('reference-no-fused-first', [
          'LIFSequence',
          'LIFSequenceGrad',
          'LISequence',
          'LISequenceGrad',
          'SpikeGrad',
        ]),
      -1,
    );
    await setBackend('reference-no-fused-first');
    try {
      expect(hasKernel('LIFSequence')).toBe(false);
      const decomposed = gradsThroughRunKernel();
      decomposed.forEach((g, k) => {
        g.forEach((v, j) => {
          expect(v).toBeCloseTo(native[k][j], 5);
        });
      });
      // SpikeGrad straight from runKernel on a backend without it.
      const sg = tidy(() =>
        Array.from(
          runKernel(
            'SpikeGrad',
            { dy: tensor([2, 2]), x: tensor([0, 1]) },
            { surrogate: 'atan', alpha: 2 },
          ).dataSync(),
        ),
      );
      // atan: 1 / (1 + (pi/2 * alpha * x)^2), times dy.
      expect(sg[0]).toBeCloseTo(2, 6);
      expect(sg[1]).toBeCloseTo(2 / (1 + Math.PI ** 2), 6);
    } finally {
      await setBackend('reference');
    }
  });
});
