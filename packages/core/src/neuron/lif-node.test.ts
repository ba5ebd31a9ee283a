import { loadReferenceFixture } from '@snn/reference-fixtures';
import { grads, sum, tensor, tidy } from '../index.js';
import { expectClose, expectSpikes, flat, shapeOf } from '../testing/fixtures.js';
import { ifNode, lifNode, lifNodeStep } from './index.js';

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
