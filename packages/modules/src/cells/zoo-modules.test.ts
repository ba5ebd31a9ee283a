import { memory, type Tensor, tensor, tidy } from '@snn/core';
import { accuracy, spikeCount } from '../decoders/decoders.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { ceCountLoss } from '../losses/snntorch.js';
import type { Module } from '../module/module.js';
import { Adam } from '../optim/adam.js';
import { resetNet, unroll } from '../time/unroll.js';
import { loadCheckpoint, memoryCheckpointStore, saveCheckpoint } from '../training/checkpoint.js';
import { type Batch, fit } from '../training/fit.js';
import { Alpha } from './alpha.js';
import { CobaLIFCell } from './coba-lif.js';
import { IzhikevichCell } from './izhikevich.js';
import { KLIFNode } from './klif-node.js';
import { Lapicque } from './lapicque.js';
import { LIFAdExCell } from './lif-adex.js';
import { LIFBoxCell } from './lif-box.js';
import { LIFRefracCell } from './lif-refrac.js';
import { LSNNCell } from './lsnn.js';
import { ParametricLIFNode } from './parametric-lif-node.js';
import { RLeaky } from './rleaky.js';
import { RSynaptic } from './rsynaptic.js';
import { Synaptic } from './synaptic.js';

const keys = (m: Module) => [...m.stateDict().keys()];
const values = (t: Tensor) => Array.from(t.dataSync());
const SNNTORCH = ['graded_spikes_factor', 'reset_mechanism_val'];

describe('state-dict keys are the libraries’ names, in PyTorch order (parameters, buffers, children)', () => {
  it('snnTorch neurons', () => {
    expect(keys(new Synaptic(0.8, 0.9))).toEqual(['threshold', ...SNNTORCH, 'beta', 'alpha']);
    expect(keys(new Synaptic(0.8, 0.9, { learnAlpha: true, learnBeta: true, learnThreshold: true }))).toEqual(
      ['threshold', 'beta', 'alpha', ...SNNTORCH],
    );
    const alpha = new Alpha(0.9, 0.8, { learnBeta: true });
    expect(keys(alpha)).toEqual(['beta', 'threshold', ...SNNTORCH, 'alpha']);
    expect(alpha.reset_mechanism_val.value.dataSync()[0]).toBe(1); // snnTorch: Alpha resets to zero
    expect(() => new Alpha(0.5, 0.8)).toThrow(/alpha must be greater than beta/);
    expect(keys(new Lapicque({ R: 5.1, C: 5e-3, timeStep: 1e-3 }))).toEqual([
      'threshold',
      ...SNNTORCH,
      'beta',
      'time_step',
      'R',
      'C',
    ]);
    const dense = new RLeaky(0.9, { linearFeatures: 3, seed: 1 });
    expect(keys(dense)).toEqual(['threshold', ...SNNTORCH, 'beta', 'recurrent.weight', 'recurrent.bias']);
    expect(dense.namedParameters().map(([k]) => k)).toEqual(['recurrent.weight', 'recurrent.bias']);
    expect(new RLeaky(0.9, { linearFeatures: 3, learnRecurrent: false, seed: 1 }).parameters()).toHaveLength(
      0,
    );
    expect(keys(new RLeaky(0.9, { allToAll: false, V: 0.2 }))).toEqual([
      'V',
      'threshold',
      ...SNNTORCH,
      'beta',
    ]);
    expect(() => new RLeaky(0.9)).toThrow(/allToAll needs linearFeatures/);
    expect(keys(new RSynaptic(0.8, 0.9, { allToAll: false, learnAlpha: true }))).toEqual([
      'V',
      'alpha',
      'threshold',
      ...SNNTORCH,
      'beta',
    ]);
  });

  it("Norse cells name learnable parameters as Norse does (delta_T, e_rev_E, rho_reset) and SpikingJelly's w and k", () => {
    expect(keys(new LIFAdExCell({ learnable: ['deltaT', 'adaptationCurrent'] }))).toEqual([
      'delta_T',
      'adaptation_current',
    ]);
    expect(keys(new CobaLIFCell({ learnable: ['eRevE', 'eRevI', 'cMInv', 'gL', 'vThresh'] }))).toEqual([
      'e_rev_E',
      'e_rev_I',
      'c_m_inv',
      'g_l',
      'v_thresh',
    ]);
    expect(keys(new LIFRefracCell({ learnable: ['vTh', 'rhoReset'], learnableShape: [4] }))).toEqual([
      'v_th',
      'rho_reset',
    ]);
    expect(
      new LIFRefracCell({ learnable: ['rhoReset'], learnableShape: [4] }).stateDict().get('rho_reset')!.shape,
    ).toEqual([4]);
    expect(keys(new IzhikevichCell('tonicSpiking', { learnable: ['a', 'vTh', 'tauInv'] }))).toEqual([
      'a',
      'v_th',
      'tau_inv',
    ]);
    expect(() => new IzhikevichCell('noSuchBehaviour' as never)).toThrow(/unknown behaviour noSuchBehaviour/);
    expect(keys(new LSNNCell())).toEqual([]);
    expect(keys(new ParametricLIFNode())).toEqual(['w']);
    expect(keys(new KLIFNode())).toEqual(['k']);
  });
});

describe('every zoo module shows its parameter set (for exporters): `p`, learnable fields as live tensors', () => {
  it('Norse, snnTorch and SpikingJelly modules', () => {
    const adex = new LIFAdExCell({ p: { deltaT: 0.7 }, learnable: ['vTh'] });
    expect(adex.p.deltaT).toBe(0.7);
    expect(adex.p.vTh).toBe(adex.stateDict().get('v_th'));
    expect(new IzhikevichCell('dap').p).toMatchObject({ a: 1, d: -21, tauInv: 100 });
    const lap = new Lapicque({ R: 2, C: 3 });
    expect(lap.p.R).toBe(lap.stateDict().get('R'));
    expect(new RLeaky(0.9, { allToAll: false, V: 0.3 }).p.V).toBeDefined();
    const plif = new ParametricLIFNode({ initTau: 3, vReset: null });
    expect(plif.p.w).toBe(plif.stateDict().get('w'));
    expect(plif.p.vReset).toBeNull();
    expect(new KLIFNode({ scaleReset: true }).p.scaleReset).toBe(true);
  });
});

describe('zoo cells inside Sequential', () => {
  const x = () =>
    tensor(
      Array.from({ length: 5 * 2 * 3 }, (_, k) => ((k * 37) % 11) / 4),
      [5, 2, 3],
    );

  it('run over time with unroll, keep their state between calls until resetNet, and keep flat key names', () => {
    const fc1 = new Linear(3, 4, { seed: 1 });
    const alpha = new Alpha(0.9, 0.8, { threshold: 0.2 });
    const fc2 = new Linear(4, 2, { seed: 2 });
    const box = new LIFBoxCell({ p: { vTh: 0.05 } });
    const net = new Sequential(fc1, alpha, fc2, box);
    expect(keys(net)).toEqual([
      '0.weight',
      '0.bias',
      '1.threshold',
      '1.graded_spikes_factor',
      '1.reset_mechanism_val',
      '1.beta',
      '1.alpha',
      '2.weight',
      '2.bias',
    ]);
    tidy(() => {
      const input = x();
      const [hidden] = unroll(alpha, fc1.forward(input));
      const [want] = unroll(box, fc2.forward(hidden));
      const first = values(net.forward(input) as Tensor);
      expect(first).toEqual(values(want));
      expect(first).toContain(1);
      const again = values(net.forward(input) as Tensor);
      expect(again).not.toEqual(first); // continued from the kept states
      resetNet(net);
      expect(values(net.forward(input) as Tensor)).toEqual(first);
    });
    const before = memory().numTensors;
    resetNet(net);
    expect(memory().numTensors).toBeLessThan(before);
  });
});

/** Deterministic toy data: class c drives inputs 2c and 2c+1 most of the time. */
function batches(n: number, T: number): (epoch: number) => Batch[] {
  const F = 6;
  let s = 7;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const x = new Float32Array(T * n * F);
  const y = new Int32Array(n);
  for (let b = 0; b < n; b++) {
    y[b] = b % 3;
    for (let t = 0; t < T; t++)
      for (let f = 0; f < F; f++)
        x[(t * n + b) * F + f] = (f >> 1 === y[b] && rand() < 0.8) || rand() < 0.1 ? 1 : 0;
  }
  return () => [{ x: tensor(x, [T, n, F]), y: tensor(y, [n], 'int32') }];
}

describe('zoo cells train with fit and round-trip through checkpoints', () => {
  const make = () =>
    new Sequential(
      new Linear(6, 12, { seed: 3 }),
      new RLeaky(0.8, { allToAll: false, V: 0.1, learnBeta: true, learnThreshold: true, threshold: 0.5 }),
      new Linear(12, 3, { seed: 4 }),
      new Synaptic(0.5, 0.8, { learnAlpha: true, learnBeta: true, threshold: 0.5 }),
    );

  it('a Sequential of Linear, RLeaky, Linear, Synaptic learns, its neuron parameters move, and a checkpoint restores it', async () => {
    const model = make();
    const beta0 = values(model.stateDict().get('1.beta')!);
    const store = memoryCheckpointStore();
    const data = batches(12, 8);
    const { history } = await fit({
      model,
      optimizer: new Adam(model.parameters(), { lr: 0.05 }),
      epochs: 12,
      trainBatches: data,
      evalBatches: data,
      loss: (out: Tensor, b) => ceCountLoss(out, b.y),
      metrics: (out: Tensor, b) => ({ accuracy: accuracy(spikeCount(out), b.y) }),
      checkpoint: store,
    });
    expect(history[11].trainLoss).toBeLessThan(history[0].trainLoss * 0.8);
    expect(values(model.stateDict().get('1.beta')!)).not.toEqual(beta0);
    const restored = make();
    expect(loadCheckpoint(store.bytes!, { model: restored })).toMatchObject({ epoch: 12 });
    for (const [k, t] of model.stateDict()) expect(values(restored.stateDict().get(k)!)).toEqual(values(t));
    expect(keys(restored)).toContain('3.alpha');
  }, 60_000);

  it('checkpoints carry every zoo cell’s learnable parameters under their keys', async () => {
    const build = () =>
      new Sequential(
        new LIFAdExCell({ learnable: ['deltaT', 'tauAdaInv'] }),
        new CobaLIFCell({ learnable: ['eRevE'] }),
        new IzhikevichCell('tonicSpiking', { learnable: ['a', 'd'] }),
        new LIFRefracCell({ learnable: ['rhoReset'] }),
        new ParametricLIFNode({ initTau: 3 }),
        new KLIFNode(),
        new Lapicque({ beta: 0.9, learnThreshold: true }),
        new RSynaptic(0.8, 0.9, { linearFeatures: 2, learnAlpha: true, seed: 5 }),
      );
    const a = build();
    const bytes = await saveCheckpoint({ model: a }, { epoch: 1, step: 1 });
    const b = build();
    for (const [, t] of b.stateDict()) expect(t).toBeDefined();
    loadCheckpoint(bytes, { model: b });
    expect(keys(b)).toEqual(keys(a));
    expect(keys(a)).toEqual(
      expect.arrayContaining([
        '0.delta_T',
        '1.e_rev_E',
        '2.a',
        '3.rho_reset',
        '4.w',
        '5.k',
        '6.threshold',
        '7.recurrent.weight',
        '7.alpha',
      ]),
    );
    for (const [k, t] of a.stateDict()) expect(values(b.stateDict().get(k)!)).toEqual(values(t));
  });
});
