import { loadReferenceFixture } from '@snn/reference-fixtures';
import { grads, stack, sum, tensor, tidy } from '../index.js';
import * as surrogate from '../surrogate/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { expectClose, expectSpikes, type Nested, shapeOf } from '../testing/fixtures.js';
import { leakyStep } from './index.js';

function rows(v: Nested): Tensor[] {
  const shape = shapeOf(v).slice(1);
  return (v as Nested[]).map((r) => tensor(r as number[], shape));
}

function run(xs: Tensor[], step: (x: Tensor, m: Tensor | null) => [Tensor, Tensor]): [Tensor, Tensor] {
  const spk: Tensor[] = [];
  const mem: Tensor[] = [];
  let m: Tensor | null = null;
  for (const x of xs) {
    const [s, next] = step(x, m);
    spk.push(s);
    mem.push(next);
    m = next;
  }
  return [stack(spk), stack(mem)];
}

describe('snnTorch Leaky', () => {
  it('reproduces snntorch-leaky.json (beta 0.9, subtract reset one step late)', () => {
    const f = loadReferenceFixture('snntorch-leaky');
    tidy(() => {
      const [spk, mem] = run(rows(f.inputs.x), (x, m) => leakyStep(x, m, { beta: 0.9 }));
      expectSpikes(spk.dataSync(), f.outputs.spk, 'spk');
      expectClose(mem.dataSync(), f.outputs.mem, 'mem');
    });
  });

  it('zero and none resets, and the immediate reset of resetDelay false', () => {
    tidy(() => {
      const xs = [0.6, 0.6, 0.6, 0.6].map((v) => tensor([v], [1]));
      // mem: 0.6, 1.14 (fires), next step zeroed: 0.5*0 + 0.6 = 0.6, 0.9*... with beta 0.9
      const [sz, mz] = run(xs, (x, m) => leakyStep(x, m, { beta: 0.9, resetMechanism: 'zero' }));
      expect(Array.from(sz.dataSync())).toEqual([0, 1, 0, 1]);
      expectClose(mz.dataSync(), [0.6, 1.14, 0.6, 1.14], 'zero');
      const [sn, mn] = run(xs, (x, m) => leakyStep(x, m, { beta: 0.9, resetMechanism: 'none' }));
      expect(Array.from(sn.dataSync())).toEqual([0, 1, 1, 1]);
      expectClose(mn.dataSync(), [0.6, 1.14, 1.626, 2.0634], 'none');
      const [sd, md] = run(xs, (x, m) => leakyStep(x, m, { beta: 0.9, resetDelay: false }));
      expect(Array.from(sd.dataSync())).toEqual([0, 1, 0, 1]);
      expectClose(md.dataSync(), [0.6, 0.14, 0.726, 0.2534], 'resetDelay false');
    });
  });

  it('learnable beta and threshold get their gradients (reset detached, threshold not)', () => {
    tidy(() => {
      const xs = [0.6, 0.6, 0.6].map((v) => tensor([v, 0.2], [2]));
      const beta = tensor([0.9, 0.5], [2]);
      const threshold = tensor([1, 1], [2]);
      const loss = (b: Tensor, th: Tensor) =>
        sum(run(xs, (x, m) => leakyStep(x, m, { beta: b, threshold: th }))[1]);
      const [gBeta, gTh] = grads(loss)([beta, threshold]);
      // Neuron 0: m1 = 0.6, m2 = 0.9*0.6 + 0.6 = 1.14 (fires), m3 = 0.9*1.14 + 0.6 - th = 0.626.
      // d(m1+m2+m3)/dbeta = 0 + 0.6 + (1.14 + 0.9*0.6) = 2.28; d/dth = -1 (reset term only).
      // Neuron 1 (no spikes): m = 0.2, 0.3, 0.35: d/dbeta = 0 + 0.2 + (0.3 + 0.5*0.2) = 0.6; d/dth = 0.
      expectClose(gBeta.dataSync(), [2.28, 0.6], 'dbeta');
      expectClose(gTh.dataSync(), [-1, 0], 'dthreshold');
    });
  });

  it('beta is clamped to [0, 1] as snnTorch does', () => {
    tidy(() => {
      const [, m] = leakyStep(tensor([0], [1]), tensor([1], [1]), { beta: 1.5 });
      expect(m.dataSync()[0]).toBe(1);
    });
  });

  it('uses the surrogate it is given (default atan alpha 2)', () => {
    tidy(() => {
      const x = tensor([0.3], [1]);
      const g = (spikeGrad?: surrogate.SpikeFunction) =>
        grads((xx) => sum(leakyStep(xx, null, { beta: 0.9, spikeGrad })[0]))([x])[0].dataSync()[0];
      // mem' = x = 0.3, spk = H(0.3 - 1): atan'(-0.7) = 1 / (1 + (pi*-0.7)^2)
      expect(g()).toBeCloseTo(1 / (1 + (Math.PI * 0.7) ** 2), 6);
      expect(g(surrogate.fastSigmoid())).toBeCloseTo(1 / (25 * 0.7 + 1) ** 2, 6);
    });
  });
});
