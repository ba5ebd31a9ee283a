import * as snn from '@snn/core';
import {
  compareFusedLifWithStepLoop,
  expectClose,
  expectSpikes,
  flat,
  fusedLifLiLossAndGrads,
  loadReferenceFixture,
  type Nested,
  shapeOf,
} from '@snn/core/testing';
import { registerTestBackends, removeTestBackends, THREADED } from './test-utils/backends.js';

/*
 * Core's neuron models on this backend, at 1 and 2 threads: the Norse, snnTorch and SpikingJelly
 * step fixtures, the fused LIF/LI kernels against the reference backend and against
 * the step loop. (The Norse tutorial's recurrent SNN fixture, built from @snn/modules, runs on this
 * backend in @snn/integration-tests.)
 */
beforeAll(registerTestBackends);
afterAll(removeTestBackends);

const rows = (v: Nested) => {
  const shape = shapeOf(v).slice(1);
  return (v as Nested[]).map((r) => snn.tensor(r as number[], shape));
};

describe.each(THREADED)('%s', (name) => {
  beforeAll(() => snn.setBackend(name));

  test('Norse lifFeedForwardStep, lifCurrentEncoder and liFeedForwardStep fixtures', () => {
    snn.tidy(() => {
      const f = loadReferenceFixture('norse-lif-feed-forward-step');
      const zs: snn.Tensor[] = [];
      const vs: snn.Tensor[] = [];
      let state = null;
      for (const x of rows(f.inputs.x)) {
        const [z, s] = snn.lifFeedForwardStep(x, state);
        zs.push(z);
        vs.push(s.v);
        state = s;
      }
      expectSpikes(snn.stack(zs).dataSync(), f.outputs.z, 'z');
      expectClose(snn.stack(vs).dataSync(), f.outputs.v, 'v');

      const e = loadReferenceFixture('norse-lif-current-encoder');
      const current = snn.tensor(e.inputs.input_current as number[], [4]);
      let v = snn.zeros([4]);
      const ez: snn.Tensor[] = [];
      for (let t = 0; t < (e.params.T as number); t++) {
        const [z, next] = snn.lifCurrentEncoder(current, v);
        ez.push(z);
        v = next;
      }
      expectSpikes(snn.stack(ez).dataSync(), e.outputs.z, 'encoder z');

      const l = loadReferenceFixture('norse-li-feed-forward-step');
      const lv: snn.Tensor[] = [];
      let ls = null;
      for (const x of rows(l.inputs.x)) {
        const [out, s] = snn.liFeedForwardStep(x, ls);
        lv.push(out);
        ls = s;
      }
      expectClose(snn.stack(lv).dataSync(), l.outputs.v, 'li v');
    });
  });

  test('snnTorch Leaky and SpikingJelly LIFNode fixtures', () => {
    snn.tidy(() => {
      const f = loadReferenceFixture('snntorch-leaky');
      const spk: snn.Tensor[] = [];
      const mem: snn.Tensor[] = [];
      let m: snn.Tensor | null = null;
      for (const x of rows(f.inputs.x)) {
        const [s, next] = snn.leakyStep(x, m, { beta: 0.9 });
        spk.push(s);
        mem.push(next);
        m = next;
      }
      expectSpikes(snn.stack(spk).dataSync(), f.outputs.spk, 'spk');
      expectClose(snn.stack(mem).dataSync(), f.outputs.mem, 'mem');

      const j = loadReferenceFixture('spikingjelly-lifnode');
      const x = snn.tensor(flat(j.inputs.x), shapeOf(j.inputs.x));
      const { spikes, v } = snn.lifNode(x, null, { tau: 2 });
      expectSpikes(spikes.dataSync(), j.outputs.spikes, 'spikes');
      expectClose(v.dataSync(), j.outputs.v, 'v');
    });
  });

  test.each([false, true])('fused LIF == lifFeedForwardStep loop, detachReset %s', async (detachReset) => {
    const r = await compareFusedLifWithStepLoop(detachReset);
    expect(r.nativeKernel).toBe(true);
    expect(r.maxValueDifference).toBeLessThanOrEqual(1e-5);
    expect(r.maxGradDifference).toBeLessThanOrEqual(1e-5 * r.gradScale);
  });

  test('feed-forward LIF/LI network through the fused kernels equals the reference backend', async () => {
    const run = fusedLifLiLossAndGrads;
    const want = await run('reference');
    await run(name); // warm-up: core caches scalar constants per backend
    const before = snn.memory().numTensors;
    const got = await run(name);
    expect(snn.memory().numTensors).toBe(before);
    expect(want.g1.some((g) => g !== 0)).toBe(true);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
    expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
    await snn.setBackend(name);
  });

  // 16-neuron register blocks, 4-lane groups and the scalar tail, over a split of 1 or 2 threads.
  test.each([1, 7, 20, 37, 5000])(
    'LIFSequence spikesOnly: the same spikes as the full kernel, bit for bit (%i neurons)',
    (n) => {
      snn.tidy(() => {
        const T = 9;
        let seed = n;
        const rand = () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return (seed / 2147483648) * 2 - 0.5;
        };
        const x = snn.tensor(Float32Array.from({ length: T * n }, rand), [T, n]);
        const v0 = snn.tensor(Float32Array.from({ length: n }, rand), [n]);
        const i0 = snn.tensor(
          Float32Array.from({ length: n }, () => 40 * rand()),
          [n],
        );
        const attrs = {
          tauSynInv: 200,
          tauMemInv: 100,
          vLeak: 0,
          vTh: 1,
          vReset: 0,
          dt: 0.01,
          surrogate: 'superspike' as const,
          alpha: 100,
          detachReset: false,
        };
        const full = snn.runKernel('LIFSequence', { x, v0, i0 }, attrs);
        const only = snn.runKernel('LIFSequence', { x, v0, i0 }, { ...attrs, spikesOnly: true });
        expect(only).toHaveLength(1);
        const z = full[0].dataSync();
        expect(z.some((s) => s === 1) && z.some((s) => s === 0)).toBe(true);
        expect(Array.from(only[0].dataSync())).toEqual(Array.from(z));
        expect(only[0].binary).toBe(true);
      });
    },
  );

  test('lifFeedForwardSpikes: the spikes of lifFeedForwardSequence, no tensor left over', () => {
    const x = snn.randomUniform([6, 3, 50], { seed: 3, high: 30 });
    const want = snn.tidy(() => Array.from(snn.lifFeedForwardSequence(x).z.dataSync()));
    const before = snn.memory().numTensors;
    const z = snn.lifFeedForwardSpikes(x);
    expect(snn.memory().numTensors).toBe(before + 1);
    expect(Array.from(z.dataSync())).toEqual(want);
    expect(want.some((s) => s === 1)).toBe(true);
    snn.dispose([x, z]);
  });
});

describe.each(THREADED)('%s: LeakySequence', (name) => {
  beforeAll(() => snn.setBackend(name));

  // Chunks of 512, the scalar tail and a split over 1 or 2 threads; every reset; one row repeated.
  test.each([
    [1, 'subtract', true],
    [37, 'zero', true],
    [2000, 'subtract', true],
    [2000, 'subtract', false],
    [700, 'zero', false],
    [700, 'none', true],
  ] as const)(
    'leakySequence without a tape == the leakyStep loop, bit for bit (%i neurons, %s, delay %s)',
    (n, resetMechanism, resetDelay) => {
      snn.tidy(() => {
        const T = 11;
        const x = snn.randomUniform([T, n], { low: -0.4, high: 1.3, seed: n });
        const mem = snn.randomUniform([n], { low: 0, high: 1.5, seed: n + 1 });
        const p = { beta: 0.95, resetMechanism, resetDelay };
        expect(snn.hasKernel('LeakySequence')).toBe(true);
        for (const [input, steps] of [
          [x, undefined],
          [snn.slice(x, [0, 0], [1, n]).reshape([n]), T],
        ] as const) {
          const got = snn.noGrad(() => snn.leakySequence(input, mem, p, steps));
          const xs = steps === undefined ? snn.unstack(input, 0) : new Array<snn.Tensor>(T).fill(input);
          const spk: snn.Tensor[] = [];
          const mems: snn.Tensor[] = [];
          let m: snn.Tensor = mem;
          for (const xt of xs) {
            const [s, next] = snn.leakyStep(xt, m, p);
            spk.push(s);
            mems.push(next);
            m = next;
          }
          expect(Array.from(got.spk.dataSync())).toEqual(Array.from(snn.stack(spk).dataSync()));
          expect(Array.from(got.mem.dataSync())).toEqual(Array.from(snn.stack(mems).dataSync()));
        }
      });
    },
  );
});
