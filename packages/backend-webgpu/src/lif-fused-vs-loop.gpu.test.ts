import * as snn from '@snn/core';
import { compareFusedLifWithStepLoop } from '@snn/core/testing';
import { registerWebGPUBackend } from './register.js';
import { skipFileUnless } from './test-utils/requirements.js';

skipFileUnless('gpu');

/*
 * The WGSL LIFSequence/LIFSequenceGrad kernels against T calls of lifFeedForwardStep on the GPU,
 * for the reset detached (Norse lif_step) and kept in the graph (Norse lif_feed_forward_step, the
 * default).
 */
beforeAll(async () => {
  registerWebGPUBackend();
  await snn.setBackend('webgpu');
});
afterAll(() => snn.removeBackend('webgpu'));

test.each([false, true])(
  'fused LIF == lifFeedForwardStep loop on the GPU, detachReset %s',
  async (detachReset) => {
    const r = await compareFusedLifWithStepLoop(detachReset);
    console.info(`webgpu fused vs step loop: ${JSON.stringify(r)}`);
    expect(r.nativeKernel).toBe(true);
    expect(r.maxValueDifference).toBeLessThanOrEqual(1e-5);
    expect(r.maxGradDifference).toBeLessThanOrEqual(1e-5 * r.gradScale);
  },
);
