import * as snn from '@snn/core';
import { expectClose, fusedLifLiLossAndGrads, PROBE_SURROGATE } from '@snn/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { registerTfjsBackends } from './register.js';

/*
 * Core's neuron models on tfjs: a feed-forward LIF -> LI network through this backend's fused
 * LIFSequence/LISequence kernels gives the reference backend's loss and gradients, for a built-in
 * surrogate and for one defined once in core. (The Norse tutorial's recurrent SNN fixture on every
 * backend: @snn/integration-tests.)
 */
beforeAll(() => registerTfjsBackends({ kinds: ['wasm', 'cpu'] }));

const feedForwardStep = fusedLifLiLossAndGrads;

test.each(['tfjs-wasm', 'tfjs-cpu'])(
  '%s: feed-forward LIF/LI network through the fused kernels equals the reference backend',
  async (name) => {
    const want = await feedForwardStep('reference');
    await snn.setBackend(name);
    expect(snn.hasKernel('LIFSequence') && snn.hasKernel('LISequenceGrad')).toBe(true);
    // Warm-up: core caches its scalar constants per backend (engine.scalarConst), tf tensors too.
    await feedForwardStep(name);
    const tfBefore = tf.memory().numTensors;
    const coreBefore = snn.memory().numTensors;
    const got = await feedForwardStep(name);
    expect(tf.memory().numTensors).toBe(tfBefore);
    expect(snn.memory().numTensors).toBe(coreBefore);
    expect(want.g1.some((g) => g !== 0)).toBe(true);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
    expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
  },
);

test.each(['tfjs-wasm', 'tfjs-cpu'])(
  '%s runs a surrogate defined once in core (the conformance probe) natively, as the reference does',
  async (name) => {
    const method = PROBE_SURROGATE.name;
    const want = await feedForwardStep('reference', method);
    await snn.setBackend(name);
    expect(snn.getBackend().supportsSurrogate?.(method)).toBe(true);
    const got = await feedForwardStep(name, method);
    expect(want.g1.some((g) => g !== 0)).toBe(true);
    expect(got.loss).toBeCloseTo(want.loss, 5);
    expectClose(got.g1, want.g1, 'dL/dw1', 1e-4, 1e-7);
    expectClose(got.g2, want.g2, 'dL/dw2', 1e-4, 1e-7);
  },
);
