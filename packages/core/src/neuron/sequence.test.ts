import {
  add,
  backendName,
  getDecomposition,
  grads,
  hasKernel,
  type LIFSequenceAttrs,
  memory,
  mul,
  registerBackend,
  runKernel,
  type SurrogateName,
  setBackend,
  stack,
  sum,
  tensor,
  tidy,
  unstack,
  zeros,
} from '../index.js';
import * as surrogate from '../surrogate/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectClose } from '../testing/fixtures.js';
import {
  liFeedForwardSequence,
  liFeedForwardStep,
  lifFeedForwardSequence,
  lifFeedForwardSpikes,
  lifFeedForwardSpikesFromState,
  lifParameters,
} from './index.js';
import { lifFeedForwardLoop } from './lif-sequence.js';
import { referenceWithout } from './test-utils/no-fused-backend.js';

/** Deterministic pseudo-random values in [lo, hi). */
function values(count: number, seed: number, lo: number, hi: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

const T = 12;
const N = [2, 5];
const n = N[0] * N[1];

type Sequence = (x: Tensor, v0: Tensor, i0: Tensor) => { z?: Tensor; v: Tensor; i: Tensor };

interface Probe {
  z: number[];
  v: number[];
  i: number[];
  /** d(weighted sum of z, v, i) / d(x, v0, i0). */
  grads: number[][];
}

function probe(sequence: Sequence): Probe {
  return tidy(() => {
    const x = tensor(values(T * n, 1, 0, 6), [T, ...N]);
    const v0 = tensor(values(n, 2, 0, 0.9), N);
    const i0 = tensor(values(n, 3, 0, 3), N);
    const wz = tensor(values(T * n, 4, -1, 1), [T, ...N]);
    const wv = tensor(values(T * n, 5, -1, 1), [T, ...N]);
    const wi = tensor(values(T * n, 6, -1, 1), [T, ...N]);
    const out = sequence(x, v0, i0);
    const loss = (xx: Tensor, vv: Tensor, ii: Tensor) => {
      const r = sequence(xx, vv, ii);
      const vi = add(sum(mul(r.v, wv)), sum(mul(r.i, wi)));
      return r.z === undefined ? vi : add(vi, sum(mul(r.z, wz)));
    };
    const g = grads(loss)([x, v0, i0]);
    return {
      z: out.z === undefined ? [] : Array.from(out.z.dataSync()),
      v: Array.from(out.v.dataSync()),
      i: Array.from(out.i.dataSync()),
      grads: g.map((t) => Array.from(t.dataSync())),
    };
  });
}

const maxDifference = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((x, k) => Math.abs(x - b[k])));

function expectSame(a: Probe, b: Probe, what: string): void {
  expect(a.z).toEqual(b.z);
  expectClose(a.v, b.v, `${what} v`, 1e-5);
  expectClose(a.i, b.i, `${what} i`, 1e-5);
  a.grads.forEach((g, k) => {
    expectClose(g, b.grads[k], `${what} grad ${['x', 'v0', 'i0'][k]}`, 1e-5);
  });
}

const detachSettings = [false, true] as const;
const lifFused: Sequence = (x, v0, i0) => lifFeedForwardSequence(x, { v: v0, i: i0 });
const lifFusedWith =
  (detachReset: boolean): Sequence =>
  (x, v0, i0) =>
    lifFeedForwardSequence(x, { v: v0, i: i0 }, {}, 0.001, { detachReset });
/** lifFeedForwardStep T times, the reset detached or not. */
const lifLoopWith =
  (detachReset: boolean): Sequence =>
  (x, v0, i0) =>
    lifFeedForwardLoop(x, { v: v0, i: i0 }, lifParameters(), 0.001, detachReset);
const liFused: Sequence = (x, v0, i0) => liFeedForwardSequence(x, { v: v0, i: i0 });
const liLoop: Sequence = (x, v0, i0) => {
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  let s = { v: v0, i: i0 };
  for (const xt of unstack(x, 0)) {
    const [v, next] = liFeedForwardStep(xt, s);
    vs.push(v);
    is.push(next.i);
    s = next;
  }
  return { v: stack(vs), i: stack(is) };
};

describe('fused LIF/LI sequences on the reference backend (native kernels)', () => {
  it.each(detachSettings)(
    'LIF: native LIFSequence == lifFeedForwardStep loop, detachReset %s (values and gradients)',
    (detachReset) => {
      expect(hasKernel('LIFSequence')).toBe(true);
      const a = probe(lifFusedWith(detachReset));
      expect(a.z.some((z) => z === 1)).toBe(true);
      expect(a.z.some((z) => z === 0)).toBe(true);
      expectSame(a, probe(lifLoopWith(detachReset)), `native vs loop, detachReset ${detachReset}`);
    },
  );

  it("defaults to Norse's lif_feed_forward_step (reset in the graph), whose gradients differ from the detached ones", () => {
    const byDefault = probe(lifFused);
    const attached = probe(lifFusedWith(false));
    const detached = probe(lifFusedWith(true));
    expect(byDefault).toEqual(attached);
    expect(detached.z).toEqual(attached.z);
    expect(detached.v).toEqual(attached.v);
    // Spikes happen, so the reset term (vReset - vd)*surrogate' changes dv0 and dx.
    expect(maxDifference(detached.grads[1], attached.grads[1])).toBeGreaterThan(1e-3);
    expect(maxDifference(detached.grads[0], attached.grads[0])).toBeGreaterThan(1e-3);
  });

  it('LI: native LISequence == liFeedForwardStep loop', () => {
    expectSame(probe(liFused), probe(liLoop), 'LI native vs loop');
  });

  it.each(detachSettings)(
    'tensor parameters or a custom surrogate take the step loop, with the same results (detachReset %s)',
    (detachReset) => {
      const options = { detachReset };
      const tensorParams: Sequence = (x, v0, i0) =>
        lifFeedForwardSequence(
          x,
          { v: v0, i: i0 },
          { tauMemInv: tensor([100], [1]), vTh: tensor(1) },
          0.001,
          options,
        );
      const fused = probe(lifFusedWith(detachReset));
      expectSame(probe(tensorParams), fused, 'tensor params');
      const superAsCustom = surrogate.custom((x) => surrogate.surrogateDerivative('superspike', x, 100));
      const custom: Sequence = (x, v0, i0) =>
        lifFeedForwardSequence(x, { v: v0, i: i0 }, { method: superAsCustom }, 0.001, options);
      expectSame(probe(custom), fused, 'custom surrogate');
    },
  );

  it.each(
    (['atan', 'sigmoid', 'triangle'] as SurrogateName[]).flatMap((name) =>
      detachSettings.map((detachReset) => [name, detachReset] as const),
    ),
  )('the %s surrogate reaches the kernel (detachReset %s)', (name, detachReset) => {
    // vReset != vLeak so the reset term (vReset - vd) is not just -vd.
    const p = { method: name, alpha: 2, vReset: -0.3 };
    const a = probe((x, v0, i0) => lifFeedForwardSequence(x, { v: v0, i: i0 }, p, 0.001, { detachReset }));
    const b = probe((x, v0, i0) =>
      lifFeedForwardLoop(x, { v: v0, i: i0 }, lifParameters(p), 0.001, detachReset),
    );
    expectSame(a, b, `${name}, detachReset ${detachReset}`);
  });

  it('core decompositions of LIFSequenceGrad, LISequenceGrad and SpikeGrad match the native kernels', () => {
    tidy(() => {
      const base: LIFSequenceAttrs = {
        tauSynInv: 200,
        tauMemInv: 100,
        vLeak: 0.1,
        vTh: 1,
        vReset: -0.2,
        dt: 0.001,
        surrogate: 'atan',
        alpha: 2,
        detachReset: false,
      };
      const x = tensor(values(T * n, 7, 0, 6), [T, ...N]);
      const v0 = tensor(values(n, 8, 0, 1), N);
      const i0 = tensor(values(n, 9, 0, 2), N);
      const [z, v, i, vDecayed] = runKernel('LIFSequence', { x, v0, i0 }, base);
      expect(Array.from(z.dataSync())).toContain(1);
      const [dz, dv, di] = [10, 11, 12].map((s) => tensor(values(T * n, s, -1, 1), [T, ...N]));
      const forward = getDecomposition('LIFSequence')!({ x, v0, i0 }, base);
      expect(Array.from(forward[0].dataSync())).toEqual(Array.from(z.dataSync()));
      [v, i, vDecayed].forEach((t, k) => {
        expectClose(forward[k + 1].dataSync(), Array.from(t.dataSync()), 'fwd', 1e-5);
      });
      const gradInputs = { z, vDecayed, dz, dv, di };
      for (const detachReset of detachSettings) {
        const attrs = { ...base, detachReset };
        const native = runKernel('LIFSequenceGrad', gradInputs, attrs);
        const decomposed = getDecomposition('LIFSequenceGrad')!(gradInputs, attrs);
        native.forEach((t, k) => {
          expectClose(
            decomposed[k].dataSync(),
            Array.from(t.dataSync()),
            `LIF grad ${k}, detachReset ${detachReset}`,
            1e-5,
          );
        });
      }
      const { detachReset: _, ...withoutDetach } = base;
      // Core validates the attrs before any kernel or decomposition runs.
      expect(() => runKernel('LIFSequenceGrad', gradInputs, withoutDetach as LIFSequenceAttrs)).toThrow(
        /LIFSequenceGrad: attrs.detachReset must be true .* or false .*, got undefined/,
      );

      const liAttrs = { tauSynInv: 200, tauMemInv: 100, vLeak: 0.1, dt: 0.001 };
      const liNative = runKernel('LISequenceGrad', { dv, di }, liAttrs);
      const liDecomposed = getDecomposition('LISequenceGrad')!({ dv, di }, liAttrs);
      liNative.forEach((t, k) => {
        expectClose(liDecomposed[k].dataSync(), Array.from(t.dataSync()), `LI grad ${k}`, 1e-5);
      });
      const liFwd = runKernel('LISequence', { x, v0, i0 }, liAttrs);
      const liFwdDecomposed = getDecomposition('LISequence')!({ x, v0, i0 }, liAttrs);
      liFwd.forEach((t, k) => {
        expectClose(liFwdDecomposed[k].dataSync(), Array.from(t.dataSync()), `LI fwd ${k}`, 1e-5);
      });

      for (const name of [
        'superspike',
        'atan',
        'sigmoid',
        'fastSigmoid',
        'triangle',
        'straightThrough',
      ] as const) {
        const sg = { surrogate: name, alpha: 3 };
        const want = runKernel('SpikeGrad', { dy: dz, x: vDecayed }, sg);
        const got = getDecomposition('SpikeGrad')!({ dy: dz, x: vDecayed }, sg);
        expectClose(got.dataSync(), Array.from(want.dataSync()), `SpikeGrad ${name}`, 1e-5);
      }
    });
  });

  it('rejects a state whose shape does not match x', () => {
    tidy(() => {
      const x = tensor(values(3 * 4, 1, 0, 1), [3, 4]);
      const bad = tensor([0, 0], [2]);
      expect(() => lifFeedForwardSequence(x, { v: bad, i: bad })).toThrow(
        /state.v has shape \[2\] but x \[T, 4\]/,
      );
      expect(() => lifFeedForwardSequence(tensor(1))).toThrow(/time-major/);
    });
  });
});

describe('lifFeedForwardSpikes', () => {
  const x = () => tensor(values(5 * 12, 7, 0, 60), [5, 12]);

  it("outside a gradient: lifFeedForwardSequence's spikes (spikesOnly kernel), no tensor left over", () => {
    const input = x();
    const want = tidy(() => Array.from(lifFeedForwardSequence(input).z.dataSync()));
    const before = memory().numTensors;
    const z = lifFeedForwardSpikes(input);
    expect(memory().numTensors).toBe(before + 1);
    expect(Array.from(z.dataSync())).toEqual(want);
    expect(want.some((s) => s === 1) && want.some((s) => s === 0)).toBe(true);
    expect(z.binary).toBe(true);
    z.dispose();
    input.dispose();
  });

  it("while recording: the full layer's spikes, with the same gradient", () => {
    tidy(() => {
      const input = x();
      const w = tensor(values(5 * 12, 9, -1, 1), [5, 12]);
      const viaSpikes = grads((a: Tensor) => sum(mul(lifFeedForwardSpikes(a), w)))([input]);
      const viaLayer = grads((a: Tensor) => sum(mul(lifFeedForwardSequence(a).z, w)))([input]);
      const g = Array.from(viaLayer[0].dataSync());
      expect(g.some((v) => v !== 0)).toBe(true);
      expect(Array.from(viaSpikes[0].dataSync())).toEqual(g);
    });
  });
});

describe('lifFeedForwardSpikesFromState', () => {
  const current = () => tensor(values(2 * 9, 11, 0, 30), [2, 9]);
  const p = { tauSynInv: 0, vTh: 0.7 };
  const viaZeroInput = (i: Tensor) =>
    tidy(() => lifFeedForwardSpikes(zeros([20, 2, 9]), { v: zeros([2, 9]), i }, p));

  it('outside a gradient: the LIFSpikesFromState kernel, the spikes of a zero input, no tensor left over', () => {
    const i = current();
    const v = zeros([2, 9]);
    const want = Array.from(viaZeroInput(i).dataSync());
    const before = memory().numTensors;
    const z = lifFeedForwardSpikesFromState({ v, i }, 20, p);
    expect(memory().numTensors).toBe(before + 1);
    expect(z.shape).toEqual([20, 2, 9]);
    expect(Array.from(z.dataSync())).toEqual(want);
    expect(want.some((s) => s === 1) && want.some((s) => s === 0)).toBe(true);
    expect(z.binary).toBe(true);
    for (const t of [z, v, i]) t.dispose();
  });

  it('while recording: the zero-input layer, differentiable in the state', () => {
    tidy(() => {
      const w = tensor(values(20 * 18, 13, -1, 1), [20, 2, 9]);
      const fromState = grads((i: Tensor) =>
        sum(mul(lifFeedForwardSpikesFromState({ v: zeros([2, 9]), i }, 20, p), w)),
      )([current()]);
      const zeroInput = grads((i: Tensor) => sum(mul(viaZeroInput(i), w)))([current()]);
      const g = Array.from(zeroInput[0].dataSync());
      expect(g.some((d) => d !== 0)).toBe(true);
      expect(Array.from(fromState[0].dataSync())).toEqual(g);
    });
  });

  it('rejects a bad step count or state', () => {
    const s = { v: zeros([3]), i: zeros([3]) };
    expect(() => lifFeedForwardSpikesFromState(s, 0)).toThrow(/steps must be an integer >= 1, got 0/);
    expect(() => lifFeedForwardSpikesFromState({ v: s.v, i: zeros([2]) }, 4)).toThrow(
      /state.i has shape \[2\]/,
    );
    for (const t of [s.v, s.i]) t.dispose();
  });
});

describe('fused LIF/LI sequences on a backend without the fused kernels (core decompositions)', () => {
  const removed = ['LIFSequence', 'LIFSequenceGrad', 'LISequence', 'LISequenceGrad', 'SpikeGrad'] as const;
  const nativeLIF = new Map<boolean, Probe>();
  let nativeLI: Probe;
  beforeAll(async () => {
    for (const d of detachSettings) nativeLIF.set(d, probe(lifFusedWith(d)));
    nativeLI = probe(liFused);
    registerBackend('reference-no-fused', () => referenceWithout('reference-no-fused', removed), -1);
    await setBackend('reference-no-fused');
  });
  afterAll(async () => {
    await setBackend('reference');
  });

  it.each(detachSettings)('LIF: decomposition == step loop == native kernels (detachReset %s)', (d) => {
    expect(backendName()).toBe('reference-no-fused');
    expect(hasKernel('LIFSequence')).toBe(false);
    const a = probe(lifFusedWith(d));
    expectSame(a, probe(lifLoopWith(d)), 'decomposition vs loop');
    expectSame(a, nativeLIF.get(d)!, 'decomposition vs native');
  });

  it('LI: decomposition == step loop == native kernels', () => {
    const a = probe(liFused);
    expectSame(a, probe(liLoop), 'LI decomposition vs loop');
    expectSame(a, nativeLI, 'LI decomposition vs native');
  });

  // The reference kernels compute the step functions' float32 operations in their order, so the
  // steps' tensor ops (here, without fused kernels) give the native kernels' values bit for bit: a
  // step run as the fused kernel with T = 1 (fused-step.ts) and its ONNX export agree exactly.
  it.each(detachSettings)('step loop values == native kernels bit for bit (LIF detachReset %s, LI)', (d) => {
    const loop = probe(lifLoopWith(d));
    const native = nativeLIF.get(d)!;
    expect(loop.z).toEqual(native.z);
    expect(loop.v).toEqual(native.v);
    expect(loop.i).toEqual(native.i);
    const li = probe(liLoop);
    expect(li.v).toEqual(nativeLI.v);
    expect(li.i).toEqual(nativeLI.i);
  });
});
