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
  manualSeed,
} from '@snn/modules';
import { cellStepper, maxDiff, runZoo } from './zoo-test-utils.js';

/*
 * Norse's neuron models behind a Linear, exported and run by onnxruntime: spikes and every state
 * (v, i, a, b, gE/gI, rho, u) agree with the library at every step, per step and in the Loop.
 * Inputs and weights lie on a 1/64 grid and the exporter writes core's ops in core's order, so the
 * comparison is bit for bit; cells with an exponential (LIFEx, LIFAdEx), where runtimes may differ
 * by an ulp, are compared within 1e-5.
 */

interface Case {
  make: () => Module;
  amplitude: number;
  tolerance?: number;
}

const cases: Record<string, Case> = {
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

describe.each(Object.keys(cases))('%s', (name) => {
  it('exports, and onnxruntime reproduces spikes and states at every step (per step and Loop)', async () => {
    manualSeed(5);
    const c = cases[name];
    const cell = c.make();
    const r = await runZoo(cell, cellStepper(cell), c.amplitude);
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
