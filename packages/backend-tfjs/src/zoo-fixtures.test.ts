import { appendFileSync } from 'node:fs';
import * as snn from '@snn/core';
import { checkZooFixture, ZOO_FIXTURE_CASES } from '@snn/core/testing';
import { loadReferenceFixture } from '@snn/reference-fixtures';
import { registerTfjsBackends } from './register.js';

/*
 * The neuron and surrogate zoo on tfjs-wasm: every fixture computed with Norse 1.0.0, snnTorch 0.9.4
 * and SpikingJelly 0.0.0.0.14 reproduced through core's public API on this backend (spikes exactly,
 * states, losses and gradients to the fixtures' tolerance), the same cases the reference backend runs.
 */
beforeAll(async () => {
  await registerTfjsBackends({ kinds: ['wasm'] });
  await snn.setBackend('tfjs-wasm');
});

afterAll(() => snn.setBackend('reference'));

test.each(ZOO_FIXTURE_CASES.map((c) => [c.name, c] as const))('tfjs-wasm: %s', async (_name, c) => {
  expect(snn.backendName()).toBe('tfjs-wasm');
  const errors = await checkZooFixture(c, loadReferenceFixture(c.name));
  expect(errors.length).toBeGreaterThan(0);
  const report = process.env.SNN_ZOO_REPORT;
  if (report)
    appendFileSync(report, `${JSON.stringify({ backend: 'tfjs-wasm', fixture: c.name, errors })}\n`);
});
