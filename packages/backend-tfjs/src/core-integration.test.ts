import * as snn from '@snn/core';
import { expectClose, lifLikeLoss, lifLikeLossAndGrads, lifLikeProblem } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { registerTfjsBackends } from './register.js';

/*
 * The backend under core's engine: registry fall-through (no tfjs-node here), a recurrent LIF-like
 * network's loss and gradients equal to the reference backend's, and no tfjs tensor leaks over
 * repeated training steps.
 */

describe('@snn/backend-tfjs under @snn/core', () => {
  beforeAll(() => registerTfjsBackends());

  test('registers three backends and ready() falls through to tfjs-wasm without tfjs-node', async () => {
    expect(snn.listBackends().slice(0, 3)).toEqual(['tfjs-node', 'tfjs-wasm', 'tfjs-cpu']);
    await snn.ready();
    expect(snn.backendName()).toBe('tfjs-wasm');
    await expect(snn.setBackend('tfjs-node')).rejects.toThrow(/npm install @tensorflow\/tfjs-node/);
  });

  test.each(['tfjs-wasm', 'tfjs-cpu'])(
    '%s: LIF-like loss and gradients equal the reference backend',
    async (name) => {
      const want = await lifLikeLossAndGrads('reference');
      const got = await lifLikeLossAndGrads(name);
      expect(want.g1.some((g) => g !== 0)).toBe(true);
      expect(got.loss).toBeCloseTo(want.loss, 5);
      // toBeCloseTo(_, 4) per element, as one check that names the worst element.
      expectClose(got.g1, want.g1, 'dL/dw1', 0, 5e-5);
      expectClose(got.g2, want.g2, 'dL/dw2', 0, 5e-5);
    },
  );

  test.each(['tfjs-wasm', 'tfjs-cpu'])(
    '%s: tfjs numTensors stays flat over 100 training steps',
    async (name) => {
      await snn.setBackend(name);
      const p = lifLikeProblem();
      const step = () => {
        const { value, grads } = snn.valueAndGrads(
          () => lifLikeLoss(p.x, p.w1, p.w2, p.target),
          [p.w1, p.w2],
        );
        const w1 = snn.tidy(() => snn.sub(p.w1, snn.mul(grads[0], 0.1)));
        snn.dispose([value, ...grads]);
        return w1;
      };
      snn.dispose(step());
      const tfBefore = tf.memory().numTensors;
      const coreBefore = snn.memory().numTensors;
      const buffersBefore = snn.getBackend().memory().buffers;
      for (let k = 0; k < 100; k++) snn.dispose(step());
      expect(tf.memory().numTensors).toBe(tfBefore);
      expect(snn.memory().numTensors).toBe(coreBefore);
      expect(snn.getBackend().memory().buffers).toBe(buffersBefore);
      snn.dispose([p.x, p.w1, p.w2, p.target]);
    },
  );
});
