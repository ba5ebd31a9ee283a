// Dispatches, submits and time per training step on the WebGPU backend, through core's engine:
// a feed-forward LIF -> LI network (fused sequence kernels: the count must not grow with T) and the
// Norse tutorial's recurrent SNN (a recurrent cell runs per step, so its count grows with T).
import * as snn from '@snn/core';
import { constantCurrentLIFEncode } from '@snn/encoders';
import {
  Adam,
  computeGradients,
  LI,
  LIF,
  Linear,
  Module,
  maxLogSoftmax,
  nllLoss,
  RecurrentSNN,
} from '@snn/modules';
import { registerWebGPUBackend } from '../src/register.js';
import type { WebGPUBackend } from '../src/webgpu-backend.js';

const BATCH = 32;

/** x [T, B, 784] -> Linear -> LIF (one fused sequence kernel) -> Linear -> LI -> [T, B, 10]. */
class FeedForward extends Module<[snn.Tensor], snn.Tensor> {
  fc1 = new Linear(784, 100, { bias: false, seed: 2 });
  lif = new LIF();
  fc2 = new Linear(100, 10, { bias: false, seed: 3 });
  li = new LI();
  forward(x: snn.Tensor): snn.Tensor {
    const [z] = this.lif.forward(this.fc1.forward(x));
    const [v] = this.li.forward(this.fc2.forward(z));
    return v;
  }
}

async function measure(
  label: string,
  T: number,
  make: () => { model: Module<[snn.Tensor], snn.Tensor>; x: snn.Tensor; y: snn.Tensor },
) {
  const backend = snn.getBackend() as WebGPUBackend;
  const { model, x, y } = make();
  const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
  const step = async () => {
    const loss = snn.tidy(() =>
      computeGradients(() => nllLoss(maxLogSoftmax(model.forward(x)), y), model.parameters()),
    );
    optimizer.step();
    optimizer.zeroGrad();
    const l = (await loss.data())[0];
    loss.dispose();
    return l;
  };
  await step();
  const s0 = { ...backend.stats };
  const t0 = performance.now();
  const steps = 3;
  for (let k = 0; k < steps; k++) await step();
  const ms = (performance.now() - t0) / steps;
  const d = (backend.stats.dispatches - s0.dispatches) / steps;
  const s = (backend.stats.submits - s0.submits) / steps;
  console.log(
    `${label.padEnd(34)} T ${String(T).padStart(2)}: ${d} dispatches, ${s} submits, ${ms.toFixed(0)} ms per step`,
  );
  model.dispose();
  optimizer.dispose();
  snn.dispose([x, y]);
}

registerWebGPUBackend();
await snn.setBackend('webgpu');
console.log(`adapter: ${(snn.getBackend() as WebGPUBackend).adapterDescription}; batch ${BATCH}`);
const labels = () => snn.cast(snn.floor(snn.mul(snn.randomUniform([BATCH], { seed: 9 }), 10)), 'int32');
for (const T of [8, 16, 32]) {
  await measure('feed-forward LIF/LI 784-100-10 (fused)', T, () => ({
    model: new FeedForward(),
    x: snn.randomUniform([T, BATCH, 784], { seed: 1, low: 0, high: 1 }),
    y: labels(),
  }));
}
for (const T of [8, 16, 32]) {
  await measure('Norse recurrent 784-100-10', T, () => ({
    model: new RecurrentSNN(784, 100, 10, { p: { alpha: 100, vTh: 0.5 }, seed: 7 }),
    x: snn.tidy(() => constantCurrentLIFEncode(snn.randomNormal([BATCH, 784], { seed: 4 }), T)),
    y: labels(),
  }));
}
(snn.getBackend() as WebGPUBackend).dispose();
