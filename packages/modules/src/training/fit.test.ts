import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { add, memory, mul, slice, sqrt, sum, type Tensor, tensor } from '@snn/core';
import { LICell } from '../cells/li.js';
import { LIFCell } from '../cells/lif.js';
import { LIFNode } from '../cells/lif-node.js';
import { accuracy, maxLogSoftmax, spikeCount } from '../decoders/decoders.js';
import { TrainingError } from '../errors.js';
import { Dropout } from '../layers/dropout.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { nllLoss } from '../losses/classification.js';
import { ceCountLoss } from '../losses/snntorch.js';
import { Module } from '../module/module.js';
import { fileCheckpointStore, jsonLinesFile } from '../node/file-store.js';
import { Adam } from '../optim/adam.js';
import { StepLR } from '../optim/lr-scheduler.js';
import { SGD } from '../optim/sgd.js';
import { unroll } from '../time/unroll.js';
import { loadCheckpoint, memoryCheckpointStore } from './checkpoint.js';
import { type Batch, fit, type MetricsRecord } from './fit.js';

const T = 8;
const F = 6;
const C = 3;

/** Linear -> LIF -> (Dropout) -> Linear -> LI readout, max over time, log-softmax. */
class TinySNN extends Module {
  readonly fc_in: Linear;
  readonly lif = this.registerModule('lif', new LIFCell({ p: { vTh: 0.5 } }));
  readonly drop: Dropout;
  readonly fc_out: Linear;
  readonly out = this.registerModule('out', new LICell());
  constructor(seed: number, dropout = 0) {
    super();
    this.fc_in = this.registerModule('fc_in', new Linear(F, 16, { seed }));
    this.drop = this.registerModule('drop', new Dropout(dropout, { seed: 99 }));
    this.fc_out = this.registerModule('fc_out', new Linear(16, C, { seed: seed + 10 }));
  }
  forward(x: Tensor): Tensor {
    // Linear on all T steps at once, then the cells step by step.
    const current = mul(this.fc_in.forward(x), 30);
    const [spikes] = unroll(this.lif, current);
    const [v] = unroll(this.out, this.fc_out.forward(this.drop.forward(spikes)));
    return maxLogSoftmax(v);
  }
}

/** Deterministic toy data: class c lights up inputs 2c and 2c+1 with random extra noise spikes. */
function makeData(n: number, seed: number): { x: Float32Array[]; y: number[] } {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const x: Float32Array[] = [];
  const y: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = k % C;
    const sample = new Float32Array(T * F);
    for (let t = 0; t < T; t++)
      for (let f = 0; f < F; f++) sample[t * F + f] = (f >> 1 === c && rand() < 0.7) || rand() < 0.1 ? 1 : 0;
    x.push(sample);
    y.push(c);
  }
  return { x, y };
}

/** Batches [T, B, F] in an order that depends only on the epoch. */
/** A stateful shuffler (its state must travel in checkpoints for a resumed run to see the same order). */
class Shuffler {
  state = 1;
  next(n: number): number {
    this.state = (Math.imul(this.state, 48271) >>> 0) % 2147483647;
    return this.state % n;
  }
  getRandomState() {
    return { state: this.state };
  }
  setRandomState(s: Record<string, number>) {
    this.state = s.state;
  }
}

/** Batches [T, B, F]; the order depends on the epoch, or on a stateful shuffler when given. */
function batches(data: { x: Float32Array[]; y: number[] }, batchSize: number, shuffler?: Shuffler) {
  return function* (epoch: number): Generator<Batch> {
    const order = data.y.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = shuffler ? shuffler.next(i + 1) : (i * 7 + epoch * 13) % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let b = 0; b < order.length; b += batchSize) {
      const idx = order.slice(b, b + batchSize);
      const xs = new Float32Array(T * idx.length * F);
      idx.forEach((s, bi) => {
        for (let t = 0; t < T; t++) xs.set(data.x[s].subarray(t * F, (t + 1) * F), (t * idx.length + bi) * F);
      });
      yield {
        x: tensor(xs, [T, idx.length, F]),
        y: tensor(
          idx.map((s) => data.y[s]),
          [idx.length],
          'int32',
        ),
      };
    }
  };
}

const snapshot = (m: Module) => [...m.stateDict()].map(([k, v]) => [k, Array.from(v.dataSync())] as const);

describe('fit', () => {
  it('overfits a tiny batch: loss falls by 10x and accuracy reaches 100 %', async () => {
    const data = makeData(9, 1);
    const model = new TinySNN(3);
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const { history } = await fit({
      model,
      optimizer,
      epochs: 100,
      trainBatches: batches(data, 9),
      evalBatches: batches(data, 9),
    });
    expect(history[history.length - 1].trainLoss).toBeLessThan(history[0].trainLoss / 10);
    expect(history[history.length - 1].eval?.accuracy).toBe(1);
  }, 60_000);

  it('resume from a checkpoint gives bit-identical parameters to an uninterrupted run', async () => {
    const data = makeData(12, 2);
    const run = async (epochs: number, store = memoryCheckpointStore(), resume = false, seed = 5) => {
      const model = new TinySNN(seed, 0.2);
      const shuffler = new Shuffler();
      const optimizer = new Adam(model.parameters(), { lr: 0.01 });
      const scheduler = new StepLR(optimizer, 2, 0.5);
      await fit({
        model,
        optimizer,
        scheduler,
        epochs,
        trainBatches: batches(data, 4, shuffler),
        random: { shuffler },
        checkpoint: store,
        resume,
      });
      return { model, store, optimizer };
    };
    const full = await run(4);
    const half = await run(2);
    // A different initialisation proves every value comes from the checkpoint.
    const resumed = await run(4, half.store, true, 42);
    expect(snapshot(resumed.model)).toEqual(snapshot(full.model));
    expect(resumed.optimizer.lr).toBe(full.optimizer.lr);
    const restored = loadCheckpoint(resumed.store.bytes!, { model: new TinySNN(1, 0.2) });
    expect(restored).toMatchObject({ epoch: 4, step: 12 });
  }, 60_000);

  it('stops on a NaN loss naming the step, leaves the checkpoint file untouched, and keeps memory flat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-fit-'));
    const path = join(dir, 'ckpt.safetensors');
    const data = makeData(8, 3);
    const model = new TinySNN(7);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const counts: number[] = [];
    const log: MetricsRecord[] = [];
    const jsonl = jsonLinesFile(join(dir, 'metrics.jsonl'));
    await fit({
      model,
      optimizer,
      epochs: 4,
      trainBatches: batches(data, 4),
      evalBatches: batches(data, 8),
      checkpoint: fileCheckpointStore(path),
      onEpoch: () => {
        counts.push(memory().numTensors);
      },
      log: async (r) => {
        log.push(r);
        await jsonl(r);
      },
    });
    // Live tensors never grow from epoch to epoch (a leak adds tensors every epoch). Not strict
    // equality: between awaits the FinalizationRegistry may free garbage earlier tests dropped.
    for (let e = 1; e < counts.length; e++) expect(counts[e]).toBeLessThanOrEqual(counts[e - 1]);
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual(JSON.parse(JSON.stringify(log)));
    expect(lines.filter((l) => l.type === 'epoch')).toHaveLength(4);
    expect(lines[0]).toMatchObject({ type: 'batch', epoch: 0, batch: 0, step: 1 });
    expect(lines[0].samplesPerSecond).toBeGreaterThan(0);
    expect(lines.find((l) => l.type === 'epoch').eval.accuracy).toBeGreaterThanOrEqual(0);

    const good = readFileSync(path);
    let calls = 0;
    const err = await fit({
      model,
      optimizer,
      epochs: 6,
      resume: true,
      trainBatches: batches(data, 4),
      checkpoint: fileCheckpointStore(path),
      loss: (out, b) => {
        calls += 1;
        return mul(nllLoss(out, b.y), calls === 2 ? Number.NaN : 1);
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as Error).message).toMatch(/loss is NaN at epoch 4, batch 1 \(optimizer step 10\)/);
    expect(readFileSync(path).equals(good)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['ckpt.safetensors', 'metrics.jsonl']);
  }, 60_000);

  it('splitBatch accumulates the parts into the same steps as whole batches (memory of one part)', async () => {
    const data = makeData(12, 6);
    // [T, B, F] inputs: the batch axis is 1.
    const thirds = (b: Batch): Batch[] =>
      [0, 1, 2].map((k) => {
        const n = b.y.shape[0] / 3;
        return {
          x: slice(b.x, [0, k * n, 0], [T, n, F]),
          y: slice(b.y, [k * n], [n]),
        };
      });
    const counts: number[] = [];
    const run = async (splitBatch?: (b: Batch) => Batch[]) => {
      const model = new TinySNN(11);
      const optimizer = new Adam(model.parameters(), { lr: 0.02 });
      counts.length = 0;
      const { history } = await fit({
        model,
        optimizer,
        epochs: 3,
        trainBatches: batches(data, 6),
        splitBatch,
        onEpoch: () => {
          counts.push(memory().numTensors);
        },
      });
      return { weights: snapshot(model), losses: history.map((h) => h.trainLoss) };
    };
    const whole = await run();
    const split = await run(thirds);
    for (const [i, l] of whole.losses.entries()) expect(split.losses[i]).toBeCloseTo(l, 5);
    for (const [i, [key, w]] of whole.weights.entries()) {
      const [k2, w2] = split.weights[i];
      expect(k2).toBe(key);
      for (const [j, v] of w.entries()) expect(Math.abs(w2[j] - v)).toBeLessThan(1e-4);
    }
    // No part, no partial sum outlives its step.
    for (let e = 1; e < counts.length; e++) expect(counts[e]).toBeLessThanOrEqual(counts[e - 1]);
  });

  it('stops on a NaN gradient under a finite loss, before the update, and writes no checkpoint', async () => {
    const data = makeData(8, 4);
    const model = new TinySNN(8);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const store = memoryCheckpointStore();
    await fit({ model, optimizer, epochs: 1, trainBatches: batches(data, 4), checkpoint: store });
    const good = store.bytes?.slice();
    const before = snapshot(model);
    let calls = 0;
    const err = await fit({
      model,
      optimizer,
      epochs: 2,
      resume: true,
      trainBatches: batches(data, 4),
      checkpoint: store,
      // 0 * sqrt(0 * w): the value is 0, its gradient 0 * Inf = NaN
      loss: (out, b) => {
        calls += 1;
        const nll = nllLoss(out, b.y);
        return calls === 1 ? add(nll, mul(sum(sqrt(mul(model.fc_in.weight.value, 0))), 0)) : nll;
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as Error).message).toBe(
      'a gradient is not finite (NaN or Infinity) at epoch 1, batch 0 (optimizer step 3); training stopped ' +
        'before updating the parameters, the last checkpoint is untouched',
    );
    expect(snapshot(model)).toEqual(before);
    expect(store.bytes).toEqual(good);
  });

  it('stops when an update makes the parameters non-finite (lr far too large), keeping the last checkpoint', async () => {
    const data = makeData(8, 5);
    const store = memoryCheckpointStore();
    const first = new TinySNN(9);
    await fit({
      model: first,
      optimizer: new Adam(first.parameters(), { lr: 0.01 }),
      epochs: 1,
      trainBatches: batches(data, 4),
      checkpoint: store,
    });
    const good = store.bytes?.slice();
    // A large loss scale makes some gradient > 3.4, so lr 1e38 pushes a weight past float32's range.
    const loss = (out: Tensor, b: Batch) => mul(nllLoss(out, b.y), 1e6);
    // Two batches per epoch: the second sees what the first update did.
    const model = new TinySNN(9);
    const mid = await fit({
      model,
      optimizer: new SGD(model.parameters(), { lr: 1e38 }),
      epochs: 1,
      trainBatches: batches(data, 4),
      checkpoint: store,
      loss,
    }).catch((e: unknown) => e);
    expect(mid).toBeInstanceOf(TrainingError);
    expect((mid as Error).message).toMatch(
      /^the parameters are not finite before epoch 0, batch 1 \(optimizer step 2\): optimizer step 1 \(lr 1e\+38\) made them so; training stopped/,
    );
    expect(store.bytes).toEqual(good);
    // One batch per epoch: the epoch's only update is caught before its checkpoint.
    const last = new TinySNN(9);
    const end = await fit({
      model: last,
      optimizer: new SGD(last.parameters(), { lr: 1e38 }),
      epochs: 1,
      trainBatches: batches(data, 8),
      checkpoint: store,
      loss,
    }).catch((e: unknown) => e);
    expect((end as Error).message).toBe(
      'the parameters are not finite after epoch 0 (optimizer step 1, lr 1e+38); training stopped without ' +
        'writing a checkpoint, the last one is untouched',
    );
    expect(store.bytes).toEqual(good);
  });

  it('trains a SpikingJelly-style stateful net (LIFNode) with an snnTorch loss, resetting between batches', async () => {
    const data = makeData(12, 4);
    const net = new Sequential(
      new Linear(F, 24, { seed: 1 }),
      new LIFNode({ tau: 2 }),
      new Linear(24, C, { seed: 2 }),
      new LIFNode({ tau: 2 }),
    );
    const optimizer = new Adam(net.parameters(), { lr: 0.05 });
    const counts: number[] = [];
    const { history } = await fit({
      model: net,
      optimizer,
      epochs: 30,
      trainBatches: batches(data, 6),
      evalBatches: batches(data, 12),
      loss: (out: Tensor, b) => ceCountLoss(out, b.y),
      metrics: (out: Tensor, b) => ({ accuracy: accuracy(spikeCount(out), b.y) }),
      onEpoch: () => {
        counts.push(memory().numTensors);
      },
    });
    expect(history[29].trainLoss).toBeLessThan(history[0].trainLoss * 0.6);
    expect(history[29].eval?.accuracy).toBeGreaterThan(0.8);
    expect(new Set(counts.slice(1)).size).toBe(1);
  }, 60_000);
});
