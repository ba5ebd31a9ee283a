// Dispatches, submits and time per training step on the WebGPU backend, through core's engine:
// a feed-forward LIF -> LI network (fused sequence kernels: the count must not grow with T) and the
// Norse tutorial's recurrent SNN (a recurrent cell runs per step, so its count grows with T).
import * as snn from '@snn/core';
import { liFeedForwardSequence, lifFeedForwardSequence } from '@snn/core';
import { adamStep, createNorseRecurrent, maxOverTime, nllOfLogP, norseLoss } from '@snn/core/testing';
import { registerWebGPUBackend } from '../src/register.js';
import type { WebGPUBackend } from '../src/webgpu-backend.js';

const BATCH = 32;

function feedForwardLoss(w1: snn.Tensor, w2: snn.Tensor, x: snn.Tensor, labels: snn.Tensor): snn.Tensor {
  const [T, B, IN] = x.shape;
  const H = w1.shape[1];
  const h = snn.reshape(snn.matMul(snn.reshape(x, [T * B, IN]), w1), [T, B, H]);
  const { z } = lifFeedForwardSequence(h);
  const o = snn.reshape(snn.matMul(snn.reshape(z, [T * B, H]), w2), [T, B, 10]);
  const { v } = liFeedForwardSequence(o);
  return nllOfLogP(snn.logSoftmax(maxOverTime(v), -1), labels);
}

async function measure(
  label: string,
  T: number,
  make: () => { params: snn.Tensor[]; loss: (p: snn.Tensor[]) => snn.Tensor; free: snn.Tensor[] },
) {
  const backend = snn.getBackend() as WebGPUBackend;
  const { params: initial, loss, free } = make();
  let params = initial;
  const moments = { m: params.map((p) => snn.zerosLike(p)), v: params.map((p) => snn.zerosLike(p)) };
  const step = async (k: number) => {
    const { value, grads } = snn.valueAndGrads(() => loss(params), params);
    const next = adamStep(params, grads, moments, k, 1e-3);
    const l = (await value.data())[0];
    snn.dispose([value, ...grads, ...params]);
    params = next;
    return l;
  };
  await step(1);
  const s0 = { ...backend.stats };
  const t0 = performance.now();
  const steps = 3;
  for (let k = 2; k < 2 + steps; k++) await step(k);
  const ms = (performance.now() - t0) / steps;
  const d = (backend.stats.dispatches - s0.dispatches) / steps;
  const s = (backend.stats.submits - s0.submits) / steps;
  console.log(
    `${label.padEnd(34)} T ${String(T).padStart(2)}: ${d} dispatches, ${s} submits, ${ms.toFixed(0)} ms per step`,
  );
  snn.dispose([...params, ...moments.m, ...moments.v, ...free]);
}

registerWebGPUBackend();
await snn.setBackend('webgpu');
console.log(`adapter: ${(snn.getBackend() as WebGPUBackend).adapterDescription}; batch ${BATCH}`);
const labels = () => snn.cast(snn.floor(snn.mul(snn.randomUniform([BATCH], { seed: 9 }), 10)), 'int32');
for (const T of [8, 16, 32]) {
  await measure('feed-forward LIF/LI 784-100-10 (fused)', T, () => {
    const x = snn.randomUniform([T, BATCH, 784], { seed: 1, low: 0, high: 1 });
    const y = labels();
    return {
      params: [
        snn.variable(snn.randomNormal([784, 100], { seed: 2, std: 0.1 })),
        snn.variable(snn.randomNormal([100, 10], { seed: 3, std: 0.1 })),
      ],
      loss: ([w1, w2]) => feedForwardLoss(w1, w2, x, y),
      free: [x, y],
    };
  });
}
for (const T of [8, 16, 32]) {
  await measure('Norse recurrent 784-100-10', T, () => {
    const net = createNorseRecurrent(100, 7);
    const images = snn.randomNormal([BATCH, 784], { seed: 4 });
    const y = labels();
    return {
      params: [net.wIn, net.wRec, net.wOut],
      loss: ([wIn, wRec, wOut]) => norseLoss({ ...net, wIn, wRec, wOut }, images, y, T),
      free: [images, y, net.noSelf],
    };
  });
}
(snn.getBackend() as WebGPUBackend).dispose();
