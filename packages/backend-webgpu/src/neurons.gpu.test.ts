import * as snn from '@snn/core';
import { expectClose, fusedLifLiLoss, PROBE_SURROGATE } from '@snn/core/testing';
import { registerWebGPUBackend } from './register.js';
import { skipFileUnless } from './test-utils/requirements.js';
import type { WebGPUBackend } from './webgpu-backend.js';

skipFileUnless('gpu');

/*
 * Core's neuron models on WebGPU: a feed-forward LIF -> LI network (fused sequence kernels) gives the
 * reference backend's loss and gradients with a dispatch count that does not grow with T. (The Norse
 * tutorial's recurrent SNN fixture on WebGPU: @snn/integration-tests.)
 */
beforeAll(async () => {
  registerWebGPUBackend();
  await snn.setBackend('webgpu');
});
afterAll(() => snn.removeBackend('webgpu'));

async function feedForwardStep(backend: string, T: number, method: snn.SpikeMethod = 'super') {
  await snn.setBackend(backend);
  const x = snn.randomUniform([T, 4, 12], { seed: 5, low: 0, high: 4 });
  const w1 = snn.variable(snn.randomUniform([12, 16], { seed: 6, low: -1, high: 3 }));
  const w2 = snn.variable(snn.randomUniform([16, 3], { seed: 7, low: -1, high: 1 }));
  const target = snn.randomUniform([4, 3], { seed: 8, low: 0, high: 0.01 });
  const gpu = snn.getBackend() as Partial<WebGPUBackend>;
  await snn.getBackend().flush?.();
  const before = gpu.stats ? { ...gpu.stats } : undefined;
  const { value, grads } = snn.valueAndGrads(() => fusedLifLiLoss(x, w1, w2, target, method), [w1, w2]);
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
  expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
  expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
  const long = await feedForwardStep('webgpu', 32);
  console.info(`webgpu forward+backward dispatches: T 8 -> ${got.dispatches}, T 32 -> ${long.dispatches}`);
  expect(long.dispatches).toBe(got.dispatches);
});

test('a surrogate defined once in core (the conformance probe) runs natively, as on the reference', async () => {
  const method = PROBE_SURROGATE.name;
  const want = await feedForwardStep('reference', 8, method);
  await snn.setBackend('webgpu');
  expect(snn.getBackend().supportsSurrogate?.(method)).toBe(true);
  const got = await feedForwardStep('webgpu', 8, method);
  expect(want.g1.some((g) => g !== 0)).toBe(true);
  expect(got.loss).toBeCloseTo(want.loss, 5);
  expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
  expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
});
