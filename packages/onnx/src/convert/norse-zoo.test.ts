import { tensor } from '@snn/core';
import {
  CobaLIFCell,
  IAFCell,
  IzhikevichCell,
  LIFAdExCell,
  LIFBoxCell,
  LIFExCell,
  LIFRefracCell,
  LSNNCell,
  type Module,
} from '@snn/modules';
import { cellStepper, describeZoo, type ZooCase } from '../test-utils/zoo.js';

/*
 * Norse's neuron models behind a Linear, exported and run by onnxruntime: spikes and every state
 * (v, i, a, b, gE/gI, rho, u) agree with the library at every step, per step and in the Loop.
 * Inputs and weights lie on a 1/64 grid and the exporter writes core's ops in core's order, so the
 * comparison is bit for bit; cells with an exponential (LIFEx, LIFAdEx), where runtimes may differ
 * by an ulp, are compared within 1e-5.
 */

const cases: Record<string, ZooCase<Module>> = {
  'LIFExCell (Norse defaults)': { make: () => new LIFExCell(), amplitude: 40, tolerance: 1e-5 },
  'LIFAdExCell (Norse defaults)': { make: () => new LIFAdExCell(), amplitude: 40, tolerance: 1e-5 },
  'LIFAdExCell (vReset -0.25, strong adaptation)': {
    make: () =>
      new LIFAdExCell({ p: { vReset: -0.25, adaptationCurrent: 8, adaptationSpike: 0.5, tauAdaInv: 50 } }),
    amplitude: 40,
    tolerance: 1e-5,
  },
  'LSNNCell (Norse defaults, adaptive threshold)': { make: () => new LSNNCell(), amplitude: 40 },
  'LSNNCell (beta 0.5, fast adaptation, per-neuron learnable vTh)': {
    make: () => {
      const m = new LSNNCell({ p: { beta: 0.5, tauAdaptInv: 100 }, learnable: ['vTh'], learnableShape: [4] });
      m.loadStateDict({ v_th: tensor([0.25, 0.5, 0.75, 1], [4]) }, { strict: false });
      return m;
    },
    amplitude: 40,
  },
  'CobaLIFCell (Norse defaults)': { make: () => new CobaLIFCell(), amplitude: 2 },
  'LIFBoxCell (per-neuron learnable tauMemInv and vLeak)': {
    make: () => {
      const m = new LIFBoxCell({ learnable: ['tauMemInv', 'vLeak'], learnableShape: [4] });
      m.loadStateDict(
        { tau_mem_inv: tensor([100, 150, 200, 250], [4]), v_leak: tensor([0, 0.125, -0.125, 0.25], [4]) },
        { strict: false },
      );
      return m;
    },
    amplitude: 20,
  },
  'IAFCell (vReset 0.25)': { make: () => new IAFCell({ p: { vReset: 0.25, vTh: 0.75 } }), amplitude: 1 },
  'LIFRefracCell (rhoReset 2)': { make: () => new LIFRefracCell({ p: { rhoReset: 2 } }), amplitude: 40 },
  'IzhikevichCell (tonic spiking)': { make: () => new IzhikevichCell('tonicSpiking'), amplitude: 400 },
  'IzhikevichCell (phasic bursting, tauInv 200)': {
    make: () => new IzhikevichCell('phasicBursting'),
    amplitude: 400,
  },
};

describeZoo(cases, cellStepper);
