import {
  createReferenceBackend,
  type KernelBackend,
  mul,
  registerBackend,
  setBackend,
  type Tensor,
  tensor,
} from '@snn/core';
import { TrainingError } from '../errors.js';
import { Linear } from '../layers/linear.js';
import { crossEntropy } from '../losses/classification.js';
import { Module } from '../module/module.js';
import { Adam } from '../optim/adam.js';
import { type Batch, fit } from './fit.js';

/*
 * fit reads losses back from the device every `readEvery` batches in one read (a GPU backend waits
 * for the host once per window), evaluation once per pass; between reads a non-finite loss stops the
 * updates on the device, so the parameters end as they were before its batch.
 */

let reads = 0;

beforeAll(async () => {
  registerBackend(
    'counting-reads',
    () => {
      const inner = createReferenceBackend() as KernelBackend;
      return new Proxy(inner, {
        get: (target, key) => {
          const v = Reflect.get(target, key, target);
          if (key === 'read' || key === 'readSync') {
            return (...args: unknown[]) => {
              reads += 1;
              return (v as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
    -1,
  );
  await setBackend('counting-reads');
});
afterAll(async () => {
  await setBackend('reference');
});

class Net extends Module<[Tensor], Tensor> {
  fc = new Linear(4, 3, { seed: 7 });
  forward(x: Tensor): Tensor {
    return this.fc.forward(x);
  }
}

/** `n` batches of 2 samples. */
function batchesOf(n: number) {
  return function* (): Generator<Batch> {
    for (let b = 0; b < n; b++) {
      yield {
        x: tensor(
          Array.from({ length: 8 }, (_, k) => ((k * 7 + b * 3) % 5) / 5),
          [2, 4],
        ),
        y: tensor([b % 3, (b + 1) % 3], [2], 'int32'),
      };
    }
  };
}

async function train(opts: { batches: number; readEvery: number; poison?: number; evalBatches?: number }) {
  const model = new Net();
  const optimizer = new Adam(model.parameters(), { lr: 0.05 });
  let batch = 0;
  const logged: number[] = [];
  reads = 0;
  const run = fit({
    model,
    optimizer,
    epochs: 1,
    readEvery: opts.readEvery,
    trainBatches: batchesOf(opts.batches),
    evalBatches: opts.evalBatches === undefined ? undefined : batchesOf(opts.evalBatches),
    loss: (out, b) => {
      const loss = crossEntropy(out, b.y);
      return batch++ === opts.poison ? mul(loss, Number.NaN) : loss;
    },
    metrics: (out, b) => ({ loss: crossEntropy(out, b.y) }),
    onBatch: (p) => {
      logged.push(p.batch);
    },
  });
  const outcome = await run.then(
    (r) => ({ result: r, error: undefined }),
    (e: unknown) => ({ result: undefined, error: e }),
  );
  const readCount = reads;
  const weights = [...model.stateDict()].map(([k, v]) => [k, Array.from(v.dataSync())]);
  const state = [...optimizer.stateDict().tensors].map(([k, v]) => [k, Array.from(v.dataSync())]);
  model.dispose();
  optimizer.dispose();
  return { ...outcome, reads: readCount, logged, weights, state };
}

describe('fit reads the device every readEvery batches', () => {
  it('reads once per window of losses and once per evaluation, and trains the same', async () => {
    const everyBatch = await train({ batches: 8, readEvery: 1, evalBatches: 3 });
    const everyFour = await train({ batches: 8, readEvery: 4, evalBatches: 3 });
    // 8 losses + 1 evaluation, against 2 windows + 1 evaluation.
    expect(everyBatch.reads).toBe(9);
    expect(everyFour.reads).toBe(3);
    expect(everyFour.logged).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(everyFour.result?.history[0].trainLoss).toBeCloseTo(everyBatch.result!.history[0].trainLoss, 6);
    expect(everyFour.result?.history[0].eval?.loss).toBeCloseTo(everyBatch.result!.history[0].eval!.loss, 6);
    expect(everyFour.weights).toEqual(everyBatch.weights);
  });

  it('a NaN loss between reads leaves parameters and optimizer state as before its batch', async () => {
    // Batches 0-4 train normally; batch 5's loss is NaN. Reference: the same five good batches.
    const good = await train({ batches: 5, readEvery: 1 });
    const poisoned = await train({ batches: 8, readEvery: 4, poison: 5 });
    expect(poisoned.error).toBeInstanceOf(TrainingError);
    expect((poisoned.error as Error).message).toMatch(
      /loss is NaN at epoch 0, batch 5 \(optimizer step 6\); training stopped at the read after it: its update and the 2 after it were dropped on the device, the parameters are as before that batch, the last checkpoint is untouched/,
    );
    expect(poisoned.weights).toEqual(good.weights);
    expect(poisoned.state).toEqual(good.state);
    // Batches 0-3 were reported at the first read, batch 4 at the read that found batch 5's NaN.
    expect(poisoned.logged).toEqual([0, 1, 2, 3, 4]);
  });

  it('with readEvery 1 a NaN loss stops before its update', async () => {
    const good = await train({ batches: 2, readEvery: 1 });
    const poisoned = await train({ batches: 4, readEvery: 1, poison: 2 });
    expect((poisoned.error as Error).message).toMatch(
      /loss is NaN at epoch 0, batch 2 \(optimizer step 3\); training stopped before updating the parameters/,
    );
    expect(poisoned.weights).toEqual(good.weights);
  });
});
