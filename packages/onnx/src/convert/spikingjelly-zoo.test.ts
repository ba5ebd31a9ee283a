import { tensor } from '@snn/core';
import {
  EIFNode,
  IzhikevichNode,
  KLIFNode,
  type LIFNode,
  manualSeed,
  ParametricLIFNode,
  QIFNode,
} from '@snn/modules';
import { maxDiff, nodeStepper, runZoo } from './zoo-test-utils.js';

/*
 * SpikingJelly's nodes behind a Linear, exported and run by onnxruntime: spikes and every state
 * (v, Izhikevich's w) agree with the library at every step, per step and in the Loop. Inputs and
 * weights lie on a 1/64 grid; nodes with Sigmoid or Exp (ParametricLIF, EIF), where runtimes may
 * differ by an ulp, or with divisions that do not round alike (tau 3), are compared within 1e-5.
 */

interface Case {
  make: () => LIFNode;
  amplitude: number;
  tolerance?: number;
}

const cases: Record<string, Case> = {
  'ParametricLIFNode (defaults: hard reset, decay input)': {
    make: () => new ParametricLIFNode(),
    amplitude: 4,
    tolerance: 1e-5,
  },
  'ParametricLIFNode (learnt w, soft reset, no input decay)': {
    make: () => {
      const m = new ParametricLIFNode({ vReset: null, decayInput: false });
      m.loadStateDict({ w: tensor(0.5) });
      return m;
    },
    amplitude: 2,
    tolerance: 1e-5,
  },
  'ParametricLIFNode (reset to -0.25, init tau 4)': {
    make: () => new ParametricLIFNode({ vReset: -0.25, initTau: 4, vThreshold: 0.5 }),
    amplitude: 4,
    tolerance: 1e-5,
  },
  'QIFNode (SpikingJelly defaults)': { make: () => new QIFNode(), amplitude: 2, tolerance: 1e-5 },
  'QIFNode (soft reset, tau 4)': {
    make: () => new QIFNode({ vReset: null, tau: 4, vC: 0.5, a0: 0.5 }),
    amplitude: 8,
    tolerance: 1e-5,
  },
  'EIFNode (SpikingJelly defaults)': { make: () => new EIFNode(), amplitude: 2, tolerance: 1e-5 },
  'EIFNode (deltaT 0.5, reset to 0)': {
    make: () => new EIFNode({ deltaT: 0.5, vReset: 0, vRest: -0.25 }),
    amplitude: 6,
    tolerance: 1e-5,
  },
  'IzhikevichNode (adaptation a and b)': {
    make: () => new IzhikevichNode({ a: 0.5, b: 0.25, tauW: 4 }),
    amplitude: 8,
    tolerance: 1e-5,
  },
  'IzhikevichNode (soft reset, wRest 0.125)': {
    make: () => new IzhikevichNode({ vReset: null, wRest: 0.125, a: 0.25, b: 0.5 }),
    amplitude: 8,
    tolerance: 1e-5,
  },
  'KLIFNode (learnt k 1.5, hard reset)': {
    make: () => {
      const m = new KLIFNode();
      m.loadStateDict({ k: tensor(1.5) });
      return m;
    },
    amplitude: 4,
  },
  'KLIFNode (soft reset, scaled reset, no input decay)': {
    make: () => new KLIFNode({ k: 2, vReset: null, scaleReset: true, decayInput: false }),
    amplitude: 2,
  },
  'KLIFNode (reset to 0.25, scaled reset)': {
    make: () => new KLIFNode({ k: 0.5, vReset: 0.25, scaleReset: true, vThreshold: 0.5 }),
    amplitude: 4,
  },
};

describe.each(Object.keys(cases))('%s', (name) => {
  it('exports, and onnxruntime reproduces spikes and states at every step (per step and Loop)', async () => {
    manualSeed(5);
    const c = cases[name];
    const node = c.make();
    const r = await runZoo(node, nodeStepper(node), c.amplitude);
    const tol = c.tolerance ?? 0;
    const libOuts = r.library.outs.flat();
    expect(maxDiff(r.stepped.outs.flat(), libOuts)).toBeLessThanOrEqual(tol);
    expect(maxDiff(r.whole, libOuts)).toBeLessThanOrEqual(tol);
    expect(maxDiff(r.whole, r.stepped.outs.flat())).toBe(0);
    for (const [t, want] of r.library.states.entries()) {
      expect(Object.keys(r.stepped.states[t]).sort()).toEqual(Object.keys(want).sort());
      for (const k of Object.keys(want))
        expect(maxDiff(r.stepped.states[t][k], want[k])).toBeLessThanOrEqual(tol);
    }
    expect(libOuts.some((v) => v === 1)).toBe(true);
    expect(libOuts.some((v) => v === 0)).toBe(true);
  });
});
