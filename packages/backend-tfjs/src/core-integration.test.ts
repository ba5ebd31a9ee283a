import * as snn from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { registerTfjsBackends } from './register.js';
import { lifLoss } from './test-utils/lif-model.js';

/*
 * The backend under core's engine: registry fall-through (no tfjs-node here), a recurrent LIF-like
 * network's loss and gradients equal to the reference backend's, and no tfjs tensor leaks over
 * repeated training steps.
 */

const T = 8;
const B = 4;
const IN = 10;
const H = 6;
const OUT = 3;

function problem() {
  return {
    x: snn.randomUniform([T, B, IN], { seed: 1, low: 0, high: 1.5 }),
    w1: snn.variable(snn.randomUniform([IN, H], { seed: 2, low: -0.5, high: 1 })),
    w2: snn.variable(snn.randomUniform([H, OUT], { seed: 3, low: -1, high: 1 })),
    target: snn.randomUniform([B, OUT], { seed: 4 }),
  };
}

async function lossAndGrads(backend: string) {
  await snn.setBackend(backend);
  const p = problem();
  const { value, grads } = snn.valueAndGrads(() => lifLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
  const out = {
    loss: (await value.data())[0],
    g1: Array.from(await grads[0].data()),
    g2: Array.from(await grads[1].data()),
  };
  snn.dispose([value, ...grads, p.x, p.w1, p.w2, p.target]);
  return out;
}

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
      const want = await lossAndGrads('reference');
      const got = await lossAndGrads(name);
      expect(want.g1.some((g) => g !== 0)).toBe(true);
      expect(got.loss).toBeCloseTo(want.loss, 5);
      got.g1.forEach((g, k) => {
        expect(g).toBeCloseTo(want.g1[k], 4);
      });
      got.g2.forEach((g, k) => {
        expect(g).toBeCloseTo(want.g2[k], 4);
      });
    },
  );

  test.each(['tfjs-wasm', 'tfjs-cpu'])(
    '%s: tfjs numTensors stays flat over 100 training steps',
    async (name) => {
      await snn.setBackend(name);
      const p = problem();
      const step = () => {
        const { value, grads } = snn.valueAndGrads(() => lifLoss(p.x, p.w1, p.w2, p.target), [p.w1, p.w2]);
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
