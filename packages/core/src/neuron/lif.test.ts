import { loadReferenceFixture } from '@snn/reference-fixtures';
import { grads, stack, sum, tensor, tidy, zeros } from '../index.js';
import { hostDerivative } from '../surrogate/registry.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectClose, expectSpikes, type Nested, shapeOf } from '../testing/fixtures.js';
import { liFeedForwardStep, lifCurrentEncoder, lifFeedForwardStep, lifParameters } from './index.js';

function rows(v: Nested): Tensor[] {
  const shape = shapeOf(v).slice(1);
  return (v as Nested[]).map((r) => tensor(r as number[], shape));
}

describe('Norse LIF (fixtures)', () => {
  it('lifFeedForwardStep reproduces norse-lif-feed-forward-step.json (default LIFParameters)', () => {
    const f = loadReferenceFixture('norse-lif-feed-forward-step');
    tidy(() => {
      const zs: Tensor[] = [];
      const vs: Tensor[] = [];
      const is: Tensor[] = [];
      let state = null;
      for (const x of rows(f.inputs.x)) {
        const [z, s] = lifFeedForwardStep(x, state);
        zs.push(z);
        vs.push(s.v);
        is.push(s.i);
        state = s;
      }
      expectSpikes(stack(zs).dataSync(), f.outputs.z, 'z');
      expectClose(stack(vs).dataSync(), f.outputs.v, 'v');
      expectClose(stack(is).dataSync(), f.outputs.i, 'i');
    });
  });

  it('lifCurrentEncoder reproduces norse-lif-current-encoder.json (100 steps)', () => {
    const f = loadReferenceFixture('norse-lif-current-encoder');
    tidy(() => {
      const current = tensor(f.inputs.input_current as number[], [4]);
      let v = zeros([4]);
      const zs: Tensor[] = [];
      const vs: Tensor[] = [];
      for (let t = 0; t < (f.params.T as number); t++) {
        const [z, vNext] = lifCurrentEncoder(current, v);
        zs.push(z);
        vs.push(vNext);
        v = vNext;
      }
      expectSpikes(stack(zs).dataSync(), f.outputs.z, 'z');
      expectClose(stack(vs).dataSync(), f.outputs.v, 'v');
    });
  });

  it('liFeedForwardStep reproduces norse-li-feed-forward-step.json', () => {
    const f = loadReferenceFixture('norse-li-feed-forward-step');
    tidy(() => {
      const vs: Tensor[] = [];
      const is: Tensor[] = [];
      let state = null;
      for (const x of rows(f.inputs.x)) {
        const [v, s] = liFeedForwardStep(x, state);
        vs.push(v);
        is.push(s.i);
        state = s;
      }
      expectClose(stack(vs).dataSync(), f.outputs.v, 'v');
      expectClose(stack(is).dataSync(), f.outputs.i, 'i');
    });
  });
});

describe('LIF parameters', () => {
  it('has Norse defaults and rejects garbage', () => {
    expect(lifParameters()).toMatchObject({
      tauSynInv: 200,
      tauMemInv: 100,
      vLeak: 0,
      vTh: 1,
      vReset: 0,
      method: 'super',
      alpha: 100,
    });
    expect(() => lifParameters({ vTh: 'x' as unknown as number })).toThrow(
      /vTh must be a number or a Tensor/,
    );
    expect(() => lifFeedForwardStep(zeros([2]), null, {}, -1)).toThrow(/dt must be a finite number > 0/);
  });

  it('per-neuron tensor parameters: the same values as numbers, and gradients of tauMemInv and vTh', () => {
    tidy(() => {
      const x = tensor([0.5, 3, 2.5], [3]);
      const v = tensor([0.8, 0.97, 0.2], [3]);
      const i = tensor([1, 2, 20], [3]);
      const tauMemInv = tensor([100, 100, 100], [3]);
      const vTh = tensor([1, 1, 1], [3]);
      const [zNum, sNum] = lifFeedForwardStep(x, { v, i });
      const [zT, sT] = lifFeedForwardStep(x, { v, i }, { tauMemInv, vTh });
      expect(Array.from(zT.dataSync())).toEqual(Array.from(zNum.dataSync()));
      expectClose(sT.v.dataSync(), Array.from(sNum.v.dataSync()), 'v');
      // One step, loss = sum(z): dz/dvTh = -super'(vd - vTh), dz/dtauMemInv = super'(vd - vTh) * dt*((vLeak - v) + i).
      const [gTau, gTh] = grads((tm, th) =>
        sum(lifFeedForwardStep(x, { v, i }, { tauMemInv: tm, vTh: th })[0]),
      )([tauMemInv, vTh]);
      const vv = [0.8, 0.97, 0.2];
      const ii = [1, 2, 20];
      const vd = vv.map((vk, k) => vk + 0.1 * (-vk + ii[k]));
      expectClose(
        gTh.dataSync(),
        vd.map((d) => -hostDerivative('superspike', d - 1, 100)),
        'dvTh',
      );
      expectClose(
        gTau.dataSync(),
        vd.map((d, k) => hostDerivative('superspike', d - 1, 100) * 0.001 * (-vv[k] + ii[k])),
        'dtauMemInv',
      );
    });
  });

  it('lifFeedForwardStep keeps the reset in the graph (Norse) unless detachReset', () => {
    tidy(() => {
      const v = tensor([0.99], [1]);
      const i = tensor([2], [1]);
      const x = zeros([1]);
      const attached = grads((vv) => sum(lifFeedForwardStep(x, { v: vv, i })[1].v))([v])[0].dataSync()[0];
      const detached = grads((vv) =>
        sum(lifFeedForwardStep(x, { v: vv, i }, {}, 0.001, { detachReset: true })[1].v),
      )([v])[0].dataSync()[0];
      // vd = 0.99 + 0.1*(2 - 0.99) = 1.091 fires; detached: d v'/dv = (1 - z)*(1 - a) = 0.
      expect(detached).toBe(0);
      // attached adds (vReset - vd) * super'(vd - 1) * (1 - a).
      const vd = 0.99 + 0.1 * (2 - 0.99);
      expect(attached).toBeCloseTo(-vd * hostDerivative('superspike', vd - 1, 100) * 0.9, 5);
    });
  });
});
