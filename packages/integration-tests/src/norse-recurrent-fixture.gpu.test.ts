import { registerWebGPUBackend } from '@snn/backend-webgpu';
import { removeBackend, setBackend } from '@snn/core';
import { expectNorseRecurrentFixture } from './test-utils/norse-recurrent.js';
import { testWithGpu } from './test-utils/requirements.js';

/*
 * Backprop through time in the Norse MNIST tutorial's recurrent SNN (@snn/encoders, @snn/modules)
 * reproduces norse-recurrent-snn-grad.json on WebGPU. Skipped (one line) without an adapter, unless
 * SNN_REQUIRE=gpu.
 */
beforeAll(async () => {
  registerWebGPUBackend();
  await setBackend('webgpu');
});
afterAll(async () => {
  await setBackend('reference');
  removeBackend('webgpu');
});

testWithGpu(
  "Norse's recurrent SNN fixture (spikes, readout, loss, every weight gradient) reproduces on WebGPU",
  async () => {
    const errors = await expectNorseRecurrentFixture();
    console.info(`webgpu recurrent SNN errors (abs; *Rel relative to max|want|): ${JSON.stringify(errors)}`);
  },
);
