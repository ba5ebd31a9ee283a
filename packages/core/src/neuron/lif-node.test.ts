import { loadReferenceFixture } from '@snn/reference-fixtures';
import {
  add,
  grads,
  hasKernel,
  mul,
  registerBackend,
  removeBackend,
  setBackend,
  sum,
  tensor,
  tidy,
  valueAndGrads,
} from '../index.js';
import { expectClose, expectSpikes, flat, shapeOf } from '../testing/fixtures.js';
import { ifNode, type LIFNodeParameters, lifNode, lifNodeStep } from './index.js';
import { referenceWithout } from './test-utils/no-fused-backend.js';

describe('SpikingJelly nodes', () => {
  it('lifNode reproduces spikingjelly-lifnode.json (tau 2, hard reset, decay_input, multi-step)', () => {
    const f = loadReferenceFixture('spikingjelly-lifnode');
    tidy(() => {
      const x = tensor(flat(f.inputs.x), shapeOf(f.inputs.x));
      const { spikes, v } = lifNode(x, null, { tau: 2 });
      expectSpikes(spikes.dataSync(), f.outputs.spikes, 'spikes');
      expectClose(v.dataSync(), f.outputs.v, 'v');
    });
  });

  it('fires on h >= vThreshold (SpikingJelly convention) and soft-resets with vReset null', () => {
    tidy(() => {
      const x = tensor([1, 0.5, 0.7], [3, 1]);
      const hard = ifNode(x);
      expect(Array.from(hard.spikes.dataSync())).toEqual([1, 0, 1]);
      expectClose(hard.v.dataSync(), [0, 0.5, 0], 'hard');
      const soft = ifNode(tensor([1.25, 0.5, 0.25], [3, 1]), null, { vReset: null });
      expect(Array.from(soft.spikes.dataSync())).toEqual([1, 0, 1]);
      expectClose(soft.v.dataSync(), [0.25, 0.75, 0], 'soft');
    });
  });

  it('the four charge equations (decayInput x hard/soft)', () => {
    tidy(() => {
      const x = tensor([0.4], [1]);
      const v = tensor([0.3], [1]);
      const h = (p: Parameters<typeof lifNodeStep>[2]) =>
        lifNodeStep(x, v, { vThreshold: 10, tau: 4, ...p })[1].dataSync()[0];
      expect(h({ vReset: 0.1 })).toBeCloseTo(0.3 + (0.4 - (0.3 - 0.1)) / 4, 6);
      expect(h({ vReset: null })).toBeCloseTo(0.3 + (0.4 - 0.3) / 4, 6);
      expect(h({ vReset: 0.1, decayInput: false })).toBeCloseTo(0.3 - (0.3 - 0.1) / 4 + 0.4, 6);
      expect(h({ vReset: null, decayInput: false })).toBeCloseTo(0.3 * (1 - 1 / 4) + 0.4, 6);
    });
  });

  it('the reset keeps the spike in the graph unless detachReset; learnable tau gets a gradient', () => {
    tidy(() => {
      const x = tensor([3], [1]);
      const v0 = tensor([0.5], [1]);
      const tau = tensor([2], [1]);
      const dv = (detachReset: boolean) =>
        grads((vv) => sum(lifNodeStep(x, vv, { detachReset })[1]))([v0])[0].dataSync()[0];
      // h = 0.5 + (3 - 0.5)/2 = 1.75 fires; v' = (1 - s)*h: detached d/dv = 0; attached adds -h*sigmoid'(0.75)*(1/2).
      expect(dv(true)).toBe(0);
      const s = 1 / (1 + Math.exp(-4 * 0.75));
      expect(dv(false)).toBeCloseTo(-1.75 * 4 * s * (1 - s) * 0.5, 5);
      // Below threshold with the reset detached: v' = h = v + (x - v)/tau, dh/dtau = -(x - v)/tau^2.
      const small = tensor([0.2], [1]);
      const gTau = (detachReset: boolean) =>
        grads((t) => sum(lifNodeStep(small, v0, { tau: t, detachReset })[1]))([tau])[0].dataSync()[0];
      expect(gTau(true)).toBeCloseTo(-(0.2 - 0.5) / 4, 6);
      // Attached, the silent spike's surrogate still scales it: (1 - h*sigmoid'(h - 1)) with h = 0.35.
      const q = 1 / (1 + Math.exp(-4 * -0.65));
      expect(gTau(false)).toBeCloseTo((-(0.2 - 0.5) / 4) * (1 - 0.35 * 4 * q * (1 - q)), 6);
    });
  });

  it('rejects a non time-major input', () => {
    expect(() => lifNode(tensor(1))).toThrow(/time-major/);
  });
});

describe('lifNode as one fused LIFSequence', () => {
  beforeAll(() =>
    registerBackend('reference-no-lif', () => referenceWithout('reference-no-lif', ['LIFSequence']), -1),
  );
  afterAll(async () => {
    removeBackend('reference-no-lif');
    await setBackend('reference');
  });

  /** Spikes, membranes and the gradients of a loss over both, with x and v0 as variables. */
  async function run(backend: string, p: LIFNodeParameters) {
    await setBackend(backend);
    return tidy(() => {
      // 2.0 with tau 2 from v 0 charges h to exactly 1.0 = vThreshold: SpikingJelly fires (h >= vTh).
      const x = tensor([2, 0.3, -0.4, 1.7, 2, 0.9, 0.1, 3, 0.5, 2.2, -1, 0.8], [4, 3]);
      const v0 = tensor([0, 0.2, -0.1], [3]);
      const w = tensor([0.3, -0.2, 0.5, 0.1, 0.7, -0.6, 0.2, 0.4, -0.3, 0.6, 0.1, -0.5], [4, 3]);
      const { value, grads: gs } = valueAndGrads(() => {
        const out = lifNode(x, v0, p);
        return add(sum(mul(out.spikes, w)), sum(mul(out.v, w)));
      }, [x, v0]);
      const { spikes, v } = lifNode(x, v0, p);
      return {
        spikes: Array.from(spikes.dataSync()),
        v: Array.from(v.dataSync()),
        loss: value.dataSync()[0],
        gx: Array.from(gs[0].dataSync()),
        gv: Array.from(gs[1].dataSync()),
      };
    });
  }

  it.each([
    ['defaults (sigmoid, hard reset 0)', {}],
    ['atan, tau 2, reset 0.1, detachReset', { surrogate: 'atan' as const, vReset: 0.1, detachReset: true }],
    ['tau 3, threshold 0.8', { tau: 3, vThreshold: 0.8 }],
  ])('equals the step loop, values and gradients: %s', async (_name, p: LIFNodeParameters) => {
    const fused = await run('reference', p);
    expect(hasKernel('LIFSequence')).toBe(true);
    const loop = await run('reference-no-lif', p);
    expect(hasKernel('LIFSequence')).toBe(false);
    expect(fused.spikes).toEqual(loop.spikes);
    // The exact tie h = vThreshold at t = 0 fires (defaults: tau 2, threshold 1).
    if (Object.keys(p).length === 0) expect(fused.spikes[0]).toBe(1);
    expectClose(fused.v, loop.v, 'v', 1e-6);
    expect(fused.loss).toBeCloseTo(loop.loss, 5);
    expectClose(fused.gx, loop.gx, 'dL/dx', 1e-5);
    expectClose(fused.gv, loop.gv, 'dL/dv0', 1e-5);
  });
});
