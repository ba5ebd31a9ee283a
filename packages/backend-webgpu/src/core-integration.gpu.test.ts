import * as snn from '@snn/core';
import { expectClose, lifLikeLoss, lifLikeLossAndGrads, lifLikeProblem } from '@snn/core/testing';
import { registerWebGPUBackend } from './register.js';
import { skipFileUnless } from './test-utils/requirements.js';
import type { WebGPUBackend } from './webgpu-backend.js';

skipFileUnless('gpu');

/*
 * The backend under core's engine: a recurrent LIF-like network's loss and gradients equal the
 * reference backend's, GPU buffers stay flat over training steps, and the GPU work per step is
 * counted (dispatches, submits).
 */

beforeAll(() => registerWebGPUBackend());
afterAll(() => snn.removeBackend('webgpu'));

test('ready() picks webgpu over the reference backend', async () => {
  await snn.ready();
  expect(snn.backendName()).toBe('webgpu');
  expect(snn.hasKernel('LIFSequence')).toBe(true);
});

test('LIF-like loss and gradients equal the reference backend (RandomUniform streams equal too)', async () => {
  const want = await lifLikeLossAndGrads('reference');
  const got = await lifLikeLossAndGrads('webgpu');
  expect(got.x).toEqual(want.x);
  expect(want.g1.some((g) => g !== 0)).toBe(true);
  expect(got.loss).toBeCloseTo(want.loss, 5);
  // toBeCloseTo(_, 4) per element, as one check that names the worst element.
  expectClose(got.g1, want.g1, 'dL/dw1', 0, 5e-5);
  expectClose(got.g2, want.g2, 'dL/dw2', 0, 5e-5);
});

test('GPU buffers stay flat over 20 training steps; one batch of kernels per step', async () => {
  await snn.setBackend('webgpu');
  const backend = snn.getBackend() as WebGPUBackend;
  const p = lifLikeProblem();
  const step = async () => {
    const { value, grads } = snn.valueAndGrads(() => lifLikeLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
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
    `webgpu: ${dispatches} dispatches and ${submits} submit(s) per training step (T 8, unfused LIF)`,
  );
  // All kernels of a step, and the read's copy of the loss to a mappable buffer, go out in one submit:
  // core reads without a separate flush, and read() submits what is batched.
  expect(reads).toBe(1);
  expect(submits).toBe(1);
  expect(backend.memory().buffers).toBe(buffersBefore);
  expect(snn.memory().numTensors).toBe(coreBefore);
  snn.dispose([p.x, p.w1, p.w2, p.target]);
});
