import {
  add,
  concat,
  memory,
  mul,
  noGrad,
  slice,
  stack,
  sum,
  type Tensor,
  tensor,
  tidy,
  unstack,
  valueAndGrads,
} from '@snn/core';
import { expectClose, fixtureTensor, flat, loadReferenceFixture, type Nested } from '@snn/core/testing';
// The sequence layers through the package entry, as users import them.
import { LI, LIF } from '../index.js';
import { Module } from '../module/module.js';
import { resetNet, unroll } from '../time/unroll.js';
import { Leaky } from './leaky.js';
import { LICell, LILinearCell } from './li.js';
import { LIFCell, LIFRecurrentCell } from './lif.js';
import { IFNode, LIFNode } from './lif-node.js';

const t = (x: Nested) => fixtureTensor(x);
const values = (x: Tensor) => Array.from(x.dataSync());

describe('cells reproduce the library fixtures through unroll', () => {
  it('LIFCell = Norse lif_feed_forward_step (norse-lif-feed-forward-step.json)', () => {
    const f = loadReferenceFixture('norse-lif-feed-forward-step.json');
    const [z, s] = unroll(new LIFCell(), t(f.inputs.x));
    expect(values(z)).toEqual(flat(f.outputs.z));
    const last = (k: string) => flat((f.outputs[k] as Nested[])[(f.outputs[k] as Nested[]).length - 1]);
    expectClose(values(s.v), last('v'));
    expectClose(values(s.i), last('i'));
  });

  it('LICell = Norse li_feed_forward_step (norse-li-feed-forward-step.json)', () => {
    const f = loadReferenceFixture('norse-li-feed-forward-step.json');
    const [v] = unroll(new LICell(), t(f.inputs.x));
    expectClose(values(v), flat(f.outputs.v));
  });

  it('Leaky = snnTorch Leaky(beta=0.9) (snntorch-leaky.json), with snnTorch state-dict keys', () => {
    const f = loadReferenceFixture('snntorch-leaky.json');
    const cell = new Leaky(0.9);
    expect([...cell.stateDict().keys()]).toEqual([
      'threshold',
      'graded_spikes_factor',
      'reset_mechanism_val',
      'beta',
    ]);
    expect(cell.parameters()).toHaveLength(0);
    const [spk, mem] = unroll(cell, t(f.inputs.x));
    expect(values(spk)).toEqual(flat(f.outputs.spk));
    const memRec = f.outputs.mem as Nested[];
    expectClose(values(mem), flat(memRec[memRec.length - 1]));
  });

  it('Leaky.forwardSequence = the fixture too, inside and outside a tape; with steps, one input repeats', () => {
    const f = loadReferenceFixture('snntorch-leaky.json');
    const cell = new Leaky(0.9);
    const x = t(f.inputs.x);
    const outside = noGrad(() => cell.forwardSequence(x));
    expect(values(outside.spk)).toEqual(flat(f.outputs.spk));
    expectClose(values(outside.mem), flat(f.outputs.mem));
    const { value } = valueAndGrads(() => sum(cell.forwardSequence(x).mem), [x]);
    expectClose(values(value), [flat(f.outputs.mem).reduce((a, b) => a + b, 0)], 'sum of mem', 1e-5);
    const once = unstack(x, 0)[0];
    const repeated = noGrad(() => cell.forwardSequence(once, null, 3));
    const [, mem3] = unroll(cell, stack([once, once, once], 0));
    expectClose(values(unstack(repeated.mem, 0)[2]), values(mem3));
  });

  it('LIFNode = SpikingJelly LIFNode(tau=2) multi-step (spikingjelly-lifnode.json); membrane kept across calls until resetNet', () => {
    const f = loadReferenceFixture('spikingjelly-lifnode.json');
    const node = new LIFNode({ tau: 2, storeVSeq: true });
    const x = t(f.inputs.x);
    const spikes = node.forward(x);
    expect(values(spikes)).toEqual(flat(f.outputs.spikes));
    expectClose(values(node.vSeq!), flat(f.outputs.v));
    // The call left its last membrane in the node: the fixture's v at the last step.
    const vRec = f.outputs.v as Nested[];
    expectClose(values(node.lastV!), flat(vRec[vRec.length - 1]));

    // A second call continues from the kept membrane; after resetNet it starts over.
    class Net extends Module {
      readonly sn = this.registerModule('sn', new LIFNode({ tau: 2 }));
      forward(x: Tensor) {
        return this.sn.forward(x);
      }
    }
    const net = new Net();
    const drive = tensor([1.5, 1.5, 1.5], [3, 1]);
    // From rest: h = 0.75, 1.125 (spike, reset to 0), 0.75; the membrane left behind is 0.75.
    expect(values(net.forward(drive))).toEqual([0, 1, 0]);
    expectClose(values(net.sn.lastV!), [0.75]);
    // Continuing from 0.75: h = 1.125 (spike), 0.75, 1.125 (spike): the second half of one run
    // over the input played twice.
    const again = values(net.forward(drive));
    expect(again).toEqual([1, 0, 1]);
    const twice = new LIFNode({ tau: 2 }).forward(concat([drive, drive], 0));
    expect(again).toEqual(values(slice(twice, [3], [3])));
    resetNet(net);
    expect(net.sn.lastV).toBeNull();
    expect(values(net.forward(drive))).toEqual([0, 1, 0]);
    const ifn = new IFNode();
    expect(values(ifn.forward(tensor([0.6, 0.6, 0.6], [3, 1])))).toEqual([0, 1, 0]);
  });
});

describe('LIFRecurrentCell', () => {
  it('initialises like Norse: randn * sqrt(2/hidden), zero diagonal, PyTorch key names', () => {
    const cell = new LIFRecurrentCell(200, 100, { seed: 4 });
    expect(cell.input_weights.shape).toEqual([100, 200]);
    const w = values(cell.input_weights.value);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(std - Math.sqrt(2 / 100))).toBeLessThan(0.005);
    const r = values(cell.recurrent_weights.value);
    for (let k = 0; k < 100; k++) expect(r[k * 101]).toBe(0);
    expect(r.filter((v) => v !== 0).length).toBe(100 * 99);
    expect([...cell.stateDict().keys()]).toEqual(['input_weights', 'recurrent_weights']);
    const auto = new LIFRecurrentCell(3, 4, { autapses: true, seed: 1 });
    expect(values(auto.recurrent_weights.value).filter((v) => v === 0)).toHaveLength(0);
  });

  it('forwardSequence (one input product for all steps) equals the step loop, values and gradients', () => {
    const cell = new LIFRecurrentCell(6, 5, { seed: 3, p: { vTh: 0.3 } });
    const x = tensor(
      Array.from({ length: 7 * 2 * 6 }, (_, k) => ((k * 37) % 11) / 3),
      [7, 2, 6],
    );
    const weights = cell.parameters().map((p) => p.value);
    const loop = valueAndGrads(() => {
      let s = null;
      let total = tensor(0);
      for (const xt of unstack(x, 0)) {
        const [z, next] = cell.forward(xt, s);
        total = add(total, add(sum(z), sum(next.v)));
        s = next;
      }
      return total;
    }, weights);
    const seen: number[] = [];
    let stepSpikes: number[] = [];
    let allSpikes: number[] = [];
    const seq = valueAndGrads(() => {
      let vs = tensor(0);
      const [z] = cell.forwardSequence(x, null, (s, t, spikes) => {
        vs = add(vs, sum(s.v));
        seen.push(t);
        stepSpikes = stepSpikes.concat(values(spikes));
      });
      allSpikes = values(z);
      return add(sum(z), vs);
    }, weights);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stepSpikes).toEqual(allSpikes);
    expect(allSpikes.some((v) => v === 1)).toBe(true);
    expect(values(seq.value)[0]).toBeCloseTo(values(loop.value)[0], 4);
    expect(values(loop.grads[0]).some((g) => g !== 0)).toBe(true);
    seq.grads.forEach((g, k) => {
      const want = values(loop.grads[k]);
      for (const [i, v] of values(g).entries()) expect(v).toBeCloseTo(want[i], 4);
    });
  });

  it('forwardSpikes equals forwardSequence: the same spikes, gradients to float32 rounding', () => {
    const cell = new LIFRecurrentCell(6, 5, { seed: 3, p: { vTh: 0.3 } });
    const x = tensor(
      Array.from({ length: 7 * 2 * 6 }, (_, k) => ((k * 37) % 11) / 3),
      [7, 2, 6],
    );
    const mix = tensor(
      Array.from({ length: 7 * 2 * 5 }, (_, k) => ((k * 13) % 7) - 3),
      [7, 2, 5],
    );
    const weights = cell.parameters().map((p) => p.value);
    const seq = valueAndGrads(() => sum(mul(cell.forwardSequence(x)[0], mix)), weights);
    const fast = valueAndGrads(() => sum(mul(cell.forwardSpikes(x), mix)), weights);
    expect(values(fast.value)).toEqual(values(seq.value));
    expect(values(cell.forwardSpikes(x))).toEqual(values(cell.forwardSequence(x)[0]));
    for (const [k, g] of seq.grads.entries()) {
      const want = values(g);
      expect(want.some((v) => v !== 0)).toBe(true);
      const scale = Math.max(...want.map(Math.abs));
      for (const [i, v] of values(fast.grads[k]).entries())
        expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * scale);
    }
  });

  it('leaves no tensor behind once disposed, also as the child of another module (its mask too)', () => {
    const before = memory().numTensors;
    class Net extends Module {
      readonly l1 = this.registerModule('l1', new LIFRecurrentCell(5, 4, { seed: 2 }));
      forward(x: Tensor) {
        return this.l1.forward(x);
      }
    }
    const net = new Net();
    expect(memory().numTensors).toBeGreaterThan(before);
    net.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('names the module and shapes when the input does not fit', () => {
    const cell = new LIFRecurrentCell(3, 4, { seed: 1 });
    expect(() => cell.forward(tensor(new Float32Array(10), [2, 5]))).toThrow(
      /LIFRecurrentCell\(3, 4\) expects input \[batch, 3\], got \[2, 5\]/,
    );
  });
});

describe('learnable neuron parameters', () => {
  it('LIFCell with learnable per-neuron tauMemInv and vTh gets gradients for both', () => {
    const cell = new LIFCell({ p: { vTh: 0.2 }, learnable: ['tauMemInv', 'vTh'], learnableShape: [3] });
    expect([...cell.stateDict().keys()]).toEqual(['tau_mem_inv', 'v_th']);
    const x = tensor(
      Array.from({ length: 30 }, (_, k) => ((k * 7) % 5) * 4),
      [10, 3],
    );
    const { grads } = valueAndGrads(
      () => {
        const [z, s] = unroll(cell, x);
        return add(sum(s.v), sum(z));
      },
      cell.parameters().map((p) => p.value),
    );
    expect(grads).toHaveLength(2);
    for (const g of grads) {
      expect(g.shape).toEqual([3]);
      expect(values(g).some((v) => v !== 0)).toBe(true);
    }
  });

  it('Leaky with learnBeta/learnThreshold exposes them as parameters', () => {
    const cell = new Leaky(0.8, { learnBeta: true, learnThreshold: true, shape: [2] });
    expect(cell.namedParameters().map(([k]) => k)).toEqual(['threshold', 'beta']);
    const { grads } = valueAndGrads(
      () => {
        const [, mem] = unroll(cell, tensor([0.7, 0.3, 0.7, 0.3, 0.7, 0.3, 0.7, 0.3], [4, 2]));
        return sum(mem);
      },
      cell.parameters().map((p) => p.value),
    );
    expect(values(grads[1]).every((v) => v !== 0)).toBe(true);
  });

  it('LILinearCell initialises like Norse: randn / sqrt(input), not the recurrent cell sqrt(2/hidden)', () => {
    // Norse's ConvNet readout LILinearCell(500, 10): std 1/sqrt(500) = 0.045 (sqrt(2/10) would be 0.45).
    const w = values(new LILinearCell(500, 10, { seed: 2 }).input_weights.value);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(std - 1 / Math.sqrt(500))).toBeLessThan(0.003);
  });

  it('LILinearCell has Norse input_weights and runs li_step', () => {
    const cell = new LILinearCell(3, 2, { seed: 3 });
    expect([...cell.stateDict().keys()]).toEqual(['input_weights']);
    const [v] = unroll(cell, tensor(new Float32Array(12).fill(1), [4, 1, 3]));
    expect(v.shape).toEqual([4, 1, 2]);
  });

  it('unrolled cells do not leak tensors inside tidy', () => {
    const cell = new LIFRecurrentCell(3, 4, { seed: 1 });
    const x = tensor(new Float32Array(30).fill(1), [5, 2, 3]);
    const before = memory().numTensors;
    tidy(() => {
      unroll(cell, x);
    });
    expect(memory().numTensors).toBe(before);
  });
});

describe('sequence layers LIF / LI', () => {
  const seqInput = () =>
    tensor(
      Array.from({ length: 40 }, (_, k) => ((k * 13) % 7) * 0.9),
      [10, 2, 2],
    );
  /** d(weighted spikes + final membrane)/dx through `run` ([spikes, final state]). */
  const gradOf = (run: (x: Tensor) => [Tensor, { v: Tensor }]) => {
    const x = seqInput();
    const wz = tensor(
      Array.from({ length: 40 }, (_, k) => ((k * 7) % 5) - 2),
      [10, 2, 2],
    );
    const { grads } = valueAndGrads(() => {
      const [z, s] = run(x);
      return add(sum(mul(z, wz)), sum(s.v));
    }, [x]);
    return values(grads[0]);
  };

  it("LIF defaults to Norse's lif_feed_forward_step: unrolled LIFCell values and gradients; LI equals LICell", () => {
    const x = seqInput();
    const [zSeq, sSeq] = new LIF().forward(x);
    const [zStep, sStep] = unroll(new LIFCell(), x);
    expect(values(zSeq)).toContain(1);
    expect(values(zSeq)).toContain(0);
    expect(values(zSeq)).toEqual(values(zStep));
    expectClose(values(sSeq.v), values(sStep.v));
    expect(new LIF().detachReset).toBe(false);
    const gSeq = gradOf((xx) => new LIF().forward(xx));
    const gStep = gradOf((xx) => unroll(new LIFCell(), xx));
    expect(gStep.some((g) => g !== 0)).toBe(true);
    expectClose(gSeq, gStep);
    const [vSeq] = new LI().forward(x);
    const [vStep] = unroll(new LICell(), x);
    expectClose(values(vSeq), values(vStep));
  });

  it('LIF with detachReset true (Norse lif_step reset) has the same spikes and another gradient', () => {
    const x = seqInput();
    expect(values(new LIF({ detachReset: true }).forward(x)[0])).toEqual(values(unroll(new LIFCell(), x)[0]));
    const detached = gradOf((xx) => new LIF({ detachReset: true }).forward(xx));
    const kept = gradOf((xx) => new LIF().forward(xx));
    expect(detached.some((g) => g !== 0)).toBe(true);
    expect(Math.max(...detached.map((g, k) => Math.abs(g - kept[k])))).toBeGreaterThan(1e-4);
  });
});
