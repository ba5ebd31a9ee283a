import { tensor } from '@snn/core';
import { Alpha, Lapicque, Leaky, type Module, RLeaky, RSynaptic, Synaptic } from '@snn/modules';
import { dyadicWeights } from '../test-utils/reference.js';
import { cellStepper, describeZoo, N, type ZooCase } from '../test-utils/zoo.js';

/*
 * snnTorch's neurons behind a Linear, exported and run by onnxruntime: spikes and every state
 * (mem, syn, spk, synExc/synInh) agree with the library at every step, per step and in the Loop.
 * Inputs and weights lie on a 1/64 grid and decays are dyadic, so the arithmetic is exact and the
 * comparison is bit for bit; Alpha's tau_alpha goes through Log, where runtimes may differ by an
 * ulp, so it is compared within 1e-5.
 */

const perNeuron = (m: Module, values: Record<string, number[]>) => {
  const dict: Record<string, ReturnType<typeof tensor>> = {};
  for (const [k, v] of Object.entries(values)) dict[k] = tensor(v, [v.length]);
  m.loadStateDict(dict, { strict: false });
  return m;
};

const cases: Record<string, ZooCase<Module>> = {
  'Leaky (zero reset)': { make: () => new Leaky(0.75, { resetMechanism: 'zero' }), amplitude: 2 },
  'Leaky (no reset)': { make: () => new Leaky(0.5, { resetMechanism: 'none' }), amplitude: 2 },
  'Leaky (learnable per-neuron beta and threshold)': {
    make: () =>
      perNeuron(new Leaky(0.5, { learnBeta: true, learnThreshold: true, shape: [N] }), {
        beta: [0.5, 0.875, 1.25, -0.125],
        threshold: [0.5, 1, 1.5, 0.75],
      }),
    amplitude: 2,
  },
  'Synaptic (subtract)': { make: () => new Synaptic(0.5, 0.75), amplitude: 2 },
  'Synaptic (zero reset, learnable per-neuron alpha and beta)': {
    make: () =>
      perNeuron(
        new Synaptic(0.5, 0.5, { resetMechanism: 'zero', learnAlpha: true, learnBeta: true, shape: [N] }),
        { alpha: [0.25, 0.5, 0.75, 1.5], beta: [0.5, 0.875, -0.5, 0.75] },
      ),
    amplitude: 2,
  },
  'Synaptic (no reset)': { make: () => new Synaptic(0.75, 0.5, { resetMechanism: 'none' }), amplitude: 1 },
  'Alpha (zero reset, snnTorch default)': {
    make: () => new Alpha(0.875, 0.75),
    amplitude: 2,
    tolerance: 1e-5,
  },
  'Alpha (subtract)': {
    make: () => new Alpha(0.75, 0.5, { resetMechanism: 'subtract', threshold: 0.5 }),
    amplitude: 2,
    tolerance: 1e-5,
  },
  'Lapicque (R and C)': { make: () => new Lapicque({ R: 2, C: 4 }), amplitude: 8 },
  'Lapicque (beta 0.75, zero reset, time step 0.5)': {
    make: () => new Lapicque({ beta: 0.75, timeStep: 0.5, resetMechanism: 'zero' }),
    amplitude: 4,
  },
  'RLeaky (all-to-all)': {
    make: () => {
      const m = new RLeaky(0.75, { linearFeatures: N, seed: 3 });
      dyadicWeights(m, 7);
      return m;
    },
    amplitude: 2,
  },
  'RLeaky (one-to-one V, zero reset, reset at once)': {
    make: () => new RLeaky(0.5, { allToAll: false, V: 0.5, resetMechanism: 'zero', resetDelay: false }),
    amplitude: 2,
  },
  'RLeaky (one-to-one, subtract, reset at once)': {
    make: () => new RLeaky(0.875, { allToAll: false, V: -0.25, resetDelay: false }),
    amplitude: 2,
  },
  'RSynaptic (all-to-all)': {
    make: () => {
      const m = new RSynaptic(0.5, 0.75, { linearFeatures: N, seed: 5 });
      dyadicWeights(m, 9);
      return m;
    },
    amplitude: 2,
  },
  'RSynaptic (one-to-one V, zero reset)': {
    make: () => new RSynaptic(0.75, 0.5, { allToAll: false, V: 0.25, resetMechanism: 'zero' }),
    amplitude: 2,
  },
};

describeZoo(cases, cellStepper);
