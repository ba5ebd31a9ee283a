import { compareFusedLifWithStepLoop } from './lif-fused-vs-loop.js';

describe('compareFusedLifWithStepLoop on the reference backend', () => {
  it.each([false, true])('detachReset %s: same spikes, values and gradients', async (detachReset) => {
    const r = await compareFusedLifWithStepLoop(detachReset);
    console.info(`reference fused vs step loop: ${JSON.stringify(r)}`);
    expect(r.nativeKernel).toBe(true);
    expect(r.maxValueDifference).toBeLessThanOrEqual(1e-5);
    expect(r.maxGradDifference).toBeLessThanOrEqual(1e-5 * r.gradScale);
  });
});
