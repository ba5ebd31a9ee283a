import { backendName, setBackend } from '@snn/core';
import { CPU_BACKENDS, registerCpuBackends } from './test-utils/backends.js';
import { expectNorseRecurrentFixture } from './test-utils/norse-recurrent.js';

/*
 * Backprop through time in the Norse MNIST tutorial's recurrent SNN, built from the published
 * packages (@snn/encoders, @snn/modules), reproduces norse-recurrent-snn-grad.json (computed with Norse
 * in float64) on every CPU backend: encoded spikes exactly, readout voltages, log-probabilities, loss
 * and every weight gradient to the fixtures' tolerance. (WebGPU: norse-recurrent-fixture.gpu.test.ts.)
 */
beforeAll(registerCpuBackends);
afterAll(() => setBackend('reference'));

test.each(CPU_BACKENDS)(
  "%s: Norse's recurrent SNN fixture (spikes, readout, loss, weight gradients)",
  async (name) => {
    await setBackend(name);
    expect(backendName()).toBe(name);
    const errors = await expectNorseRecurrentFixture();
    console.info(`${name} recurrent SNN errors (abs; *Rel relative to max|want|): ${JSON.stringify(errors)}`);
  },
);
