import * as snn from '@snn/core';
import { compareFusedLifWithStepLoop } from '@snn/core/testing';
import { registerTfjsBackends } from './register.js';

/*
 * This backend's fused LIFSequence/LIFSequenceGrad kernels against T calls of lifFeedForwardStep on
 * the same backend, for the reset detached (Norse lif_step) and kept in the graph (Norse
 * lif_feed_forward_step, the default).
 */
beforeAll(() => registerTfjsBackends({ kinds: ['wasm', 'cpu'] }));

test.each(
  ['tfjs-wasm', 'tfjs-cpu'].flatMap((name) =>
    [false, true].map((detachReset) => [name, detachReset] as const),
  ),
)('%s: fused LIF == lifFeedForwardStep loop, detachReset %s', async (name, detachReset) => {
  await snn.setBackend(name);
  const r = await compareFusedLifWithStepLoop(detachReset);
  console.info(`${name} fused vs step loop: ${JSON.stringify(r)}`);
  expect(r.nativeKernel).toBe(true);
  expect(r.maxValueDifference).toBeLessThanOrEqual(1e-5);
  expect(r.maxGradDifference).toBeLessThanOrEqual(1e-5 * r.gradScale);
});
