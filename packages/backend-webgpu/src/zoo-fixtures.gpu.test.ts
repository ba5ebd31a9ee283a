import { appendFileSync } from 'node:fs';
import * as snn from '@snn/core';
import { checkZooFixture, ZOO_FIXTURE_CASES } from '@snn/core/testing';
import { loadReferenceFixture } from '@snn/reference-fixtures';
import { registerWebGPUBackend } from './register.js';
import { skipFileUnless } from './test-utils/requirements.js';

skipFileUnless('gpu');

/*
 * The neuron and surrogate zoo on WebGPU: every fixture computed with Norse, snnTorch and SpikingJelly
 * reproduced through core's public API (every new surrogate as generated WGSL), as on the reference
 * backend and tfjs-wasm.
 */
beforeAll(async () => {
  registerWebGPUBackend();
  await snn.setBackend('webgpu');
});
afterAll(() => snn.removeBackend('webgpu'));

test.each(ZOO_FIXTURE_CASES.map((c) => [c.name, c] as const))(
  'webgpu: %s',
  async (_name, c) => {
    await snn.setBackend('webgpu');
    const errors = await checkZooFixture(c, loadReferenceFixture(c.name));
    expect(errors.length).toBeGreaterThan(0);
    const report = process.env.SNN_ZOO_REPORT;
    if (report) appendFileSync(report, `${JSON.stringify({ backend: 'webgpu', fixture: c.name, errors })}\n`);
  },
  60_000,
);
