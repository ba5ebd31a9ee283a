import * as snn from '@snn/core';
// Core's neuron functions are not exported from '@snn/core' yet; the same module instances either way.
import {
  type LIFState,
  type LIState,
  liFeedForwardSequence,
  liFeedForwardStep,
  lifCurrentEncoder,
  lifFeedForwardSequence,
  lifStep,
} from '@snn/core';
import { registerWebGPUBackend } from './register.js';
import { expectFixtureClose, flat, loadFixture, type Nested, shapeOf } from './test-utils/fixtures.js';
import type { WebGPUBackend } from './webgpu-backend.js';

/*
 * Core's neuron models on WebGPU: the Norse tutorial's recurrent SNN fixture reproduces, and a
 * feed-forward LIF -> LI network (fused sequence kernels) gives the reference backend's loss and
 * gradients with a dispatch count that does not grow with T.
 */
beforeAll(async () => {
  registerWebGPUBackend();
  await snn.setBackend('webgpu');
});
afterAll(() => snn.removeBackend('webgpu'));

const t2 = (v: Nested) => snn.tensor(flat(v), shapeOf(v));

/** Norse's decode torch.max(x, 0)[0]: the gradient goes to the first maximum over time. */
function maxOverTime(seq: snn.Tensor): snn.Tensor {
  const first = snn.oneHot(snn.argMax(seq, 0), seq.shape[0]);
  return snn.sum(snn.mul(seq, snn.transpose(first, [2, 0, 1])), 0);
}

test("Norse's recurrent SNN fixture (spikes, readout, loss, every weight gradient) reproduces on WebGPU", async () => {
  const f = loadFixture('norse-recurrent-snn-grad');
  const T = f.params.T as number;
  const image = t2(f.inputs.image);
  const [batch] = image.shape;
  const target = snn.tensor(f.inputs.target as number[], [batch], 'int32');
  const wIn = snn.variable(t2(f.inputs.input_weights));
  const wRec = snn.variable(t2(f.inputs.recurrent_weights));
  const wOut = snn.variable(t2(f.inputs.fc_out_weight));
  const hidden = wRec.shape[0];
  const noSelf = snn.tensor(
    Array.from({ length: hidden * hidden }, (_, k) => (Math.floor(k / hidden) === k % hidden ? 0 : 1)),
    [hidden, hidden],
  );
  const encoded: snn.Tensor[] = [];
  let ve = snn.zeros(image.shape);
  for (let k = 0; k < T; k++) {
    const [z, v] = lifCurrentEncoder(image, ve);
    encoded.push(z);
    ve = v;
  }
  expect(Array.from(await snn.stack(encoded).data())).toEqual(flat(f.outputs.encoded));
  let readout!: snn.Tensor;
  let logP!: snn.Tensor;
  const { value: loss, grads } = snn.valueAndGrads(() => {
    const rec = snn.mul(wRec, noSelf);
    let s: LIFState | null = null;
    let ro: LIState | null = null;
    const vs: snn.Tensor[] = [];
    for (let k = 0; k < T; k++) {
      const [z, next] = lifStep(encoded[k], s, wIn, rec, { alpha: 100, vTh: 0.5 });
      s = next;
      const [v, roNext] = liFeedForwardStep(snn.matMul(z, wOut, false, true), ro);
      ro = roNext;
      vs.push(v);
    }
    readout = snn.keep(snn.stack(vs));
    logP = snn.keep(snn.logSoftmax(maxOverTime(readout), -1));
    return snn.neg(snn.mean(snn.sum(snn.mul(logP, snn.oneHot(target, logP.shape[1])), -1)));
  }, [wIn, wRec, wOut]);
  const errors = {
    readout: expectFixtureClose(await readout.data(), f.outputs.readout_v, 'readout_v'),
    logP: expectFixtureClose(await logP.data(), f.outputs.log_p, 'log_p'),
    loss: expectFixtureClose(await loss.data(), [f.outputs.loss as number], 'loss'),
    gIn: expectFixtureClose(await grads[0].data(), f.outputs.grad_input_weights, 'grad_input_weights'),
    gRec: expectFixtureClose(
      await grads[1].data(),
      f.outputs.grad_recurrent_weights,
      'grad_recurrent_weights',
    ),
    gOut: expectFixtureClose(await grads[2].data(), f.outputs.grad_fc_out, 'grad_fc_out'),
  };
  console.info(`webgpu recurrent SNN max abs errors: ${JSON.stringify(errors)}`);
});

/** x [T, B, IN] -> Linear -> LIF (fused) -> Linear -> LI (fused) -> max over time -> MSE. */
function feedForwardLoss(x: snn.Tensor, w1: snn.Tensor, w2: snn.Tensor, target: snn.Tensor): snn.Tensor {
  const [T, B, IN] = x.shape;
  const h = snn.reshape(snn.matMul(snn.reshape(x, [T * B, IN]), w1), [T, B, w1.shape[1]]);
  const { z } = lifFeedForwardSequence(h, null, { vTh: 0.3 });
  const o = snn.reshape(snn.matMul(snn.reshape(z, [T * B, w1.shape[1]]), w2), [T, B, w2.shape[1]]);
  const { v } = liFeedForwardSequence(o);
  return snn.mean(snn.square(snn.sub(maxOverTime(v), target)));
}

async function feedForwardStep(backend: string, T: number) {
  await snn.setBackend(backend);
  const x = snn.randomUniform([T, 4, 12], { seed: 5, low: 0, high: 4 });
  const w1 = snn.variable(snn.randomUniform([12, 16], { seed: 6, low: -1, high: 3 }));
  const w2 = snn.variable(snn.randomUniform([16, 3], { seed: 7, low: -1, high: 1 }));
  const target = snn.randomUniform([4, 3], { seed: 8, low: 0, high: 0.01 });
  const gpu = snn.getBackend() as Partial<WebGPUBackend>;
  await snn.getBackend().flush?.();
  const before = gpu.stats ? { ...gpu.stats } : undefined;
  const { value, grads } = snn.valueAndGrads(() => feedForwardLoss(x, w1, w2, target), [w1, w2]);
  await snn.getBackend().flush?.();
  const dispatches = before && gpu.stats ? gpu.stats.dispatches - before.dispatches : 0;
  const out = {
    loss: (await value.data())[0],
    g1: Array.from(await grads[0].data()),
    g2: Array.from(await grads[1].data()),
    dispatches,
  };
  snn.dispose([value, ...grads, x, w1, w2, target]);
  return out;
}

test('feed-forward LIF/LI network with fused kernels: equals reference; dispatches independent of T', async () => {
  expect(snn.hasKernel('LIFSequence')).toBe(true);
  const want = await feedForwardStep('reference', 8);
  const got = await feedForwardStep('webgpu', 8);
  expect(want.g1.some((g) => g !== 0)).toBe(true);
  expect(got.loss).toBeCloseTo(want.loss, 5);
  const scale1 = Math.max(...want.g1.map(Math.abs));
  const scale2 = Math.max(...want.g2.map(Math.abs));
  got.g1.forEach((g, k) => {
    expect(Math.abs(g - want.g1[k])).toBeLessThanOrEqual(1e-4 * scale1 + 1e-7);
  });
  got.g2.forEach((g, k) => {
    expect(Math.abs(g - want.g2[k])).toBeLessThanOrEqual(1e-4 * scale2 + 1e-7);
  });
  const long = await feedForwardStep('webgpu', 32);
  console.info(`webgpu forward+backward dispatches: T 8 -> ${got.dispatches}, T 32 -> ${long.dispatches}`);
  expect(long.dispatches).toBe(got.dispatches);
});
