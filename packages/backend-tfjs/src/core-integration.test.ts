import * as snn from '@snn/core';
import { expectClose, lifLikeLoss, lifLikeLossAndGrads, lifLikeProblem } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { registerTfjsBackends } from './register.js';

/*
 * The backend under core's engine: registry fall-through (no tfjs-node here), a recurrent LIF-like
 * network's loss and gradients equal to the reference backend's, and no tfjs tensor leaks over
 * repeated training steps or inference batches.
 */

/**
 * One inference batch of a small spiking ConvNet, stepped through time as mnist-demo's norse-conv:
 * conv -> LIF step -> max pool -> linear, whose LIF step is the fused kernel with T = 1, so the pool
 * and the next layers get reshaped views of its outputs. Returns the summed readout.
 */
function spikingConvBatch(x: snn.Tensor, w1: snn.Tensor, w2: snn.Tensor): snn.Tensor {
  return snn.tidy(() =>
    snn.noGrad(() => {
      let state: snn.LIFFeedForwardState | null = null;
      let out = snn.zeros([x.shape[1], w2.shape[0]]);
      for (const xt of snn.unstack(x, 0)) {
        const [z, next]: [snn.Tensor, snn.LIFFeedForwardState] = snn.lifFeedForwardStep(
          snn.mul(snn.conv2d(xt, w1), 40),
          state,
        );
        state = next;
        const pooled = snn.flatten(snn.maxPool2d(z, 2), 1);
        out = snn.add(out, snn.matMul(pooled, w2, false, true));
      }
      return out;
    }),
  );
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

  // mnist-demo's ONNX agreement test ran tfjs-wasm out of its 4 GiB heap this way: every max pool of
  // a fused LIF step's spikes kept a tfjs handle on them (a reshape made outside the kernel's tidy).
  test.each(['tfjs-wasm', 'tfjs-cpu', 'reference'])(
    '%s: inference batches of a spiking ConvNet leave no tensor behind (core, backend and tfjs counts)',
    async (name) => {
      await snn.setBackend(name);
      const x = snn.tidy(() =>
        snn.cast(snn.greater(snn.randomUniform([4, 3, 1, 12, 12], { seed: 1 }), 0.7), 'float32'),
      );
      const w1 = snn.randomNormal([4, 1, 3, 3], { seed: 2 });
      const w2 = snn.randomNormal([10, 4 * 5 * 5], { seed: 3 });
      // The first batch fills the caches (scalar constants, a transposed weight): the baseline after it.
      const first = spikingConvBatch(x, w1, w2);
      const values = await first.data();
      snn.dispose(first);
      const tfBefore = tf.memory().numTensors;
      const coreBefore = snn.memory().numTensors;
      const backendBefore = snn.getBackend().memory();
      for (let k = 0; k < 5; k++) {
        const y = spikingConvBatch(x, w1, w2);
        expect(await y.data()).toEqual(values);
        snn.dispose(y);
      }
      expect(values.some((v) => v !== 0)).toBe(true);
      expect(tf.memory().numTensors).toBe(tfBefore);
      expect(snn.memory().numTensors).toBe(coreBefore);
      expect(snn.getBackend().memory()).toEqual(backendBefore);
      snn.dispose([x, w1, w2]);
    },
  );
});
