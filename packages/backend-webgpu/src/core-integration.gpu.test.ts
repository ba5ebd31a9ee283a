import * as snn from '@snn/core';
import { registerWebGPUBackend } from './register.js';
import type { WebGPUBackend } from './webgpu-backend.js';

/*
 * The backend under core's engine: a recurrent LIF-like network's loss and gradients equal the
 * reference backend's, GPU buffers stay flat over training steps, and the GPU work per step is
 * counted (dispatches, submits).
 */
const T = 8;
const B = 4;
const IN = 10;
const H = 6;
const OUT = 3;

const spikeFn = snn.customGrad((x: snn.Tensor) => ({
  value: snn.spike(x),
  gradFunc: (dy: snn.Tensor, [saved]: readonly snn.Tensor[]) =>
    snn.div(dy, snn.square(snn.add(snn.mul(snn.abs(saved), 10), 1))),
}));

function lifLoss(x: snn.Tensor, w1: snn.Tensor, w2: snn.Tensor, target: snn.Tensor): snn.Tensor {
  let v = snn.zeros([B, H]);
  let i = snn.zeros([B, H]);
  let out = snn.zeros([B, OUT]);
  const xs = snn.unstack(x, 0);
  for (let t = 0; t < T; t++) {
    const vd = snn.add(v, snn.mul(snn.sub(i, v), 0.1));
    i = snn.add(snn.mul(i, 0.8), snn.matMul(xs[t], w1));
    const z = spikeFn(snn.sub(vd, 0.5));
    v = snn.mul(vd, snn.sub(1, z));
    out = snn.add(out, snn.matMul(z, w2));
  }
  return snn.mean(snn.square(snn.sub(out, target)));
}

function problem() {
  return {
    x: snn.randomUniform([T, B, IN], { seed: 1, low: 0, high: 1.5 }),
    w1: snn.variable(snn.randomUniform([IN, H], { seed: 2, low: -0.5, high: 1 })),
    w2: snn.variable(snn.randomUniform([H, OUT], { seed: 3, low: -1, high: 1 })),
    target: snn.randomUniform([B, OUT], { seed: 4 }),
  };
}

async function lossAndGrads(backend: string) {
  await snn.setBackend(backend);
  const p = problem();
  const { value, grads } = snn.valueAndGrads(() => lifLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
  const out = {
    x: Array.from(await p.x.data()),
    loss: (await value.data())[0],
    g1: Array.from(await grads[0].data()),
    g2: Array.from(await grads[1].data()),
  };
  snn.dispose([value, ...grads, p.x, p.w1, p.w2, p.target]);
  return out;
}

beforeAll(() => registerWebGPUBackend());
afterAll(() => snn.removeBackend('webgpu'));

test('ready() picks webgpu over the reference backend', async () => {
  await snn.ready();
  expect(snn.backendName()).toBe('webgpu');
  expect(snn.hasKernel('LIFSequence')).toBe(true);
});

test('LIF-like loss and gradients equal the reference backend (RandomUniform streams equal too)', async () => {
  const want = await lossAndGrads('reference');
  const got = await lossAndGrads('webgpu');
  expect(got.x).toEqual(want.x);
  expect(want.g1.some((g) => g !== 0)).toBe(true);
  expect(got.loss).toBeCloseTo(want.loss, 5);
  got.g1.forEach((g, k) => {
    expect(g).toBeCloseTo(want.g1[k], 4);
  });
  got.g2.forEach((g, k) => {
    expect(g).toBeCloseTo(want.g2[k], 4);
  });
});

test('GPU buffers stay flat over 20 training steps; one batch of kernels per step', async () => {
  await snn.setBackend('webgpu');
  const backend = snn.getBackend() as WebGPUBackend;
  const p = problem();
  const step = async () => {
    const { value, grads } = snn.valueAndGrads(() => lifLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
    const w1 = snn.tidy(() => snn.sub(p.w1, snn.mul(grads[0], 0.1)));
    const loss = (await value.data())[0];
    snn.dispose([value, ...grads, w1]);
    return loss;
  };
  await step();
  const buffersBefore = backend.memory().buffers;
  const coreBefore = snn.memory().numTensors;
  const s0 = { ...backend.stats };
  for (let k = 0; k < 20; k++) await step();
  const dispatches = (backend.stats.dispatches - s0.dispatches) / 20;
  const submits = (backend.stats.submits - s0.submits) / 20;
  const reads = (backend.stats.reads - s0.reads) / 20;
  console.info(
    `webgpu: ${dispatches} dispatches and ${submits} submit(s) per training step (T ${T}, unfused LIF)`,
  );
  // All kernels of a step, and the read's copy of the loss to a mappable buffer, go out in one submit:
  // core reads without a separate flush, and read() submits what is batched.
  expect(reads).toBe(1);
  expect(submits).toBe(1);
  expect(backend.memory().buffers).toBe(buffersBefore);
  expect(snn.memory().numTensors).toBe(coreBefore);
  snn.dispose([p.x, p.w1, p.w2, p.target]);
});
