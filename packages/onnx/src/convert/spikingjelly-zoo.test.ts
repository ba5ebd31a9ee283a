import { tensor } from '@snn/core';
import { EIFNode, IzhikevichNode, KLIFNode, type LIFNode, ParametricLIFNode, QIFNode } from '@snn/modules';
import { describeZoo, nodeStepper, type ZooCase } from '../test-utils/zoo.js';

/*
 * SpikingJelly's nodes behind a Linear, exported and run by onnxruntime: spikes and every state
 * (v, Izhikevich's w) agree with the library at every step, per step and in the Loop. Inputs and
 * weights lie on a 1/64 grid, so the comparison is bit for bit, except for nodes with a Sigmoid or
 * an Exp (ParametricLIF, EIF), where runtimes may differ by an ulp: those within 1e-5.
 */

const cases: Record<string, ZooCase<LIFNode>> = {
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
  'QIFNode (SpikingJelly defaults)': { make: () => new QIFNode(), amplitude: 2 },
  'QIFNode (soft reset, tau 4)': {
    make: () => new QIFNode({ vReset: null, tau: 4, vC: 0.5, a0: 0.5 }),
    amplitude: 8,
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
  },
  'IzhikevichNode (soft reset, wRest 0.125)': {
    make: () => new IzhikevichNode({ vReset: null, wRest: 0.125, a: 0.25, b: 0.5 }),
    amplitude: 8,
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

describeZoo(cases, nodeStepper);
