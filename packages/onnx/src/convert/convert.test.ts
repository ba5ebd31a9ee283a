import { type Tensor, tensor } from '@snn/core';
import {
  Conv2d,
  Dropout,
  Flatten,
  IFNode,
  Leaky,
  LI,
  LICell,
  LIF,
  LIFCell,
  LIFNode,
  LIFRecurrentCell,
  LILinearCell,
  Lift,
  Linear,
  MaxPool2d,
  type Module,
  manualSeed,
  RecurrentSNN,
  Sequential,
} from '@snn/modules';
import { exportOnnx } from '../export/export-onnx.js';
import { runOnnx, runSteps } from '../test-utils/ort.js';
import { dyadic, dyadicWeights, libraryRelu, libraryScale, runReference } from '../test-utils/reference.js';
import type { StepFunction } from './step-functions.js';
import { relu, scale } from './step-functions.js';

/*
 * Every module the exporter converts, run by onnxruntime against the library's own forward, step by
 * step, on spike-train / current inputs. Weights and inputs lie on a 1/64 grid, so every product
 * and sum is exact in float32 whatever the summation order: both sides must agree bit for bit.
 */

const T = 6;
const B = 3;

interface Case {
  pieces: (Module | StepFunction)[];
  /** The network as exported (defaults to the piece list). */
  network?: Module;
  /** One step's input shape without batch. */
  input: number[];
  /** Input scale (currents for neurons fed directly). */
  amplitude?: number;
}

const cases: Record<string, () => Case> = {
  'LIFCell (Norse defaults) after Linear': () => {
    const fc = new Linear(5, 4, { seed: 1 });
    return { pieces: [fc, new LIFCell()], input: [5], amplitude: 40 };
  },
  'LIFCell with per-neuron learnable tauMemInv, vTh, vLeak and vReset': () => {
    const cell = new LIFCell({
      p: { vReset: -0.25, tauMemInv: 150 },
      learnable: ['tauMemInv', 'vTh', 'vLeak'],
      learnableShape: [4],
    });
    cell.loadStateDict(
      {
        tau_mem_inv: tensor([100, 150, 200, 250], [4]),
        v_th: tensor([0.5, 0.75, 1, 0.25], [4]),
        v_leak: tensor([0, 0.125, -0.125, 0.25], [4]),
      },
      { strict: false },
    );
    return { pieces: [cell], input: [4], amplitude: 60 };
  },
  'LIF (sequence layer) with vReset': () => ({
    pieces: [new LIF({ p: { vReset: 0.25, vTh: 0.5 } })],
    input: [4],
    amplitude: 60,
  }),
  'LIFRecurrentCell without autapses': () => ({
    pieces: [new LIFRecurrentCell(5, 6, { p: { vTh: 0.5 }, seed: 3 })],
    input: [5],
    amplitude: 40,
  }),
  'LIFRecurrentCell with autapses': () => ({
    pieces: [new LIFRecurrentCell(5, 6, { p: { vTh: 0.5 }, autapses: true, seed: 4 })],
    input: [5],
    amplitude: 40,
  }),
  LICell: () => ({ pieces: [new LICell()], input: [4], amplitude: 8 }),
  'LI (sequence layer) with learnable tauSynInv': () => {
    const li = new LI({ learnable: ['tauSynInv'], learnableShape: [4] });
    li.loadStateDict({ tau_syn_inv: tensor([100, 200, 300, 400], [4]) });
    return { pieces: [li], input: [4], amplitude: 8 };
  },
  LILinearCell: () => ({ pieces: [new LILinearCell(5, 3, { seed: 2 })], input: [5], amplitude: 8 }),
  'Leaky (subtract, reset delayed)': () => ({ pieces: [new Leaky(0.9)], input: [4], amplitude: 2 }),
  'Leaky (zero reset, learnable per-neuron beta and threshold)': () => {
    const leaky = new Leaky(0.8, {
      resetMechanism: 'zero',
      learnBeta: true,
      learnThreshold: true,
      shape: [4],
    });
    leaky.loadStateDict(
      { beta: tensor([0.5, 0.9, 1.2, -0.1], [4]), threshold: tensor([0.5, 1, 1.5, 0.75], [4]) },
      { strict: false },
    );
    return { pieces: [leaky], input: [4], amplitude: 2 };
  },
  'Leaky (no reset)': () => ({
    pieces: [new Leaky(0.75, { resetMechanism: 'none' })],
    input: [4],
    amplitude: 2,
  }),
  'Leaky (subtract, reset at once)': () => ({
    pieces: [new Leaky(0.9, { resetDelay: false })],
    input: [4],
    amplitude: 2,
  }),
  'Leaky (zero, reset at once)': () => ({
    pieces: [new Leaky(0.9, { resetMechanism: 'zero', resetDelay: false })],
    input: [4],
    amplitude: 2,
  }),
  'LIFNode (SpikingJelly defaults: decay input, hard reset)': () => ({
    pieces: [new LIFNode()],
    input: [4],
    amplitude: 4,
  }),
  'LIFNode (soft reset, no input decay, tau 3)': () => ({
    pieces: [new LIFNode({ tau: 3, vReset: null, decayInput: false })],
    input: [4],
    amplitude: 2,
  }),
  'LIFNode (hard reset to 0.25, no input decay)': () => ({
    pieces: [new LIFNode({ tau: 2, vReset: 0.25, decayInput: false })],
    input: [4],
    amplitude: 2,
  }),
  'LIFNode (soft reset, input decay)': () => ({
    pieces: [new LIFNode({ vReset: null })],
    input: [4],
    amplitude: 4,
  }),
  'IFNode (hard and soft)': () => ({
    pieces: [new IFNode({ vThreshold: 0.75 }), new Linear(4, 4, { seed: 6 }), new IFNode({ vReset: null })],
    input: [4],
    amplitude: 1,
  }),
  'Conv2d -> MaxPool2d (padding) -> Flatten -> Linear -> LICell, relu and scale between': () => {
    const conv = new Conv2d(2, 3, 3, { stride: 1, padding: 1, seed: 7 });
    const conv2 = new Conv2d(3, 2, 2, { stride: 2, bias: false, seed: 8 });
    return {
      pieces: [
        conv,
        libraryScale(scale(2), 2),
        new LIFCell(),
        new MaxPool2d(3, 1, 1),
        conv2,
        libraryRelu(relu()),
        new Flatten(),
        new Linear(2 * 3 * 3, 4, { seed: 9 }),
        new Dropout(0.3).eval(),
        new LICell(),
      ],
      input: [2, 6, 6],
      amplitude: 40,
    };
  },
  'Sequential of Linear, LIFCell, Linear, LICell (state threaded as Norse SequentialState)': () => {
    const net = new Sequential(
      new Linear(5, 6, { seed: 10 }),
      new LIFCell(),
      new Linear(6, 3, { bias: false, seed: 11 }),
      new LICell(),
    );
    return { pieces: [net], network: net, input: [5], amplitude: 40 };
  },
  'Lift(Linear) then Leaky': () => {
    const lift = new Lift(new Linear(4, 4, { seed: 12 }));
    return { pieces: [lift, new Leaky(0.5)], input: [4], amplitude: 2 };
  },
  'RecurrentSNN (Norse tutorial SNN) on [batch, 2, 3] steps': () => {
    const net = new RecurrentSNN(6, 5, 3, { seed: 13 });
    return { pieces: [net], network: net, input: [2, 3], amplitude: 40 };
  },
};

async function exportAndRun(c: Case, xs: Tensor) {
  const network = c.network ?? c.pieces;
  const bytes = await exportOnnx(network as Module, {
    inputShape: c.input,
    encoder: 'spikes',
    emitSequence: true,
  });
  const data = xs.dataSync() as Float32Array;
  const whole = await runOnnx(bytes, { spikes: { data, shape: xs.shape } });
  const step = await exportOnnx(network as Module, { inputShape: c.input, encoder: 'spikes', form: 'step' });
  const stepped = await runSteps(step, { data, shape: xs.shape }, T, true);
  return { whole: whole.outputs, stepped: stepped.outs };
}

describe.each(Object.keys(cases))('%s', (name) => {
  it('exports, and onnxruntime reproduces the library bit for bit (whole sequence and per step)', async () => {
    manualSeed(5);
    const c = cases[name]();
    const pieces = c.pieces.filter((p): p is Module => !(p as StepFunction).toStage);
    for (const [k, p] of pieces.entries()) dyadicWeights(p, 100 + 10 * k);
    const xs = dyadic([T, B, ...c.input], 42, c.amplitude ?? 1);
    const want = runReference(c.pieces, xs);
    const { whole, stepped } = await exportAndRun(c, xs);
    const expected = Array.from(want.dataSync());
    expect(whole.shape).toEqual(want.shape);
    expect(Array.from(whole.data)).toEqual(expected);
    expect(stepped.flatMap((o) => Array.from(o))).toEqual(expected);
    // The case is only a test if something happened: some output non-zero.
    expect(expected.some((v) => v !== 0)).toBe(true);
  });
});
