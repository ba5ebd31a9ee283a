import {
  backendName,
  createReferenceBackend,
  type KernelBackend,
  registerBackend,
  setBackend,
  tensor,
} from '@snn/core';
import { Dropout } from '../layers/dropout.js';
import { Linear } from '../layers/linear.js';
import { Sequential } from '../layers/sequential.js';
import { crossEntropy } from '../losses/classification.js';
import { SGD } from '../optim/sgd.js';
import { loadCheckpoint, memoryCheckpointStore } from './checkpoint.js';
import { fit } from './fit.js';

/**
 * GPU backends read asynchronously only (no readSync). fit, evaluation, checkpoints and weights files
 * must never need a synchronous read: run them on the reference backend with readSync removed.
 */
describe('on a backend without synchronous reads', () => {
  beforeAll(async () => {
    registerBackend(
      'async-only',
      () => {
        const inner = createReferenceBackend() as KernelBackend;
        return new Proxy(inner, {
          get: (target, key) => {
            if (key === 'readSync') return undefined;
            const v = Reflect.get(target, key, target);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
      },
      -1,
    );
    await setBackend('async-only');
  });
  afterAll(async () => {
    await setBackend('reference');
  });

  it('fit trains, evaluates and checkpoints, and the checkpoint restores', async () => {
    expect(backendName()).toBe('async-only');
    const make = () =>
      new Sequential(
        new Linear(4, 8, { seed: 1 }),
        new Dropout(0.1, { seed: 2 }),
        new Linear(8, 2, { seed: 3 }),
      );
    const model = make();
    const store = memoryCheckpointStore();
    const batches = function* () {
      yield { x: tensor([1, 0, 0, 1, 0, 1, 1, 0], [2, 4]), y: tensor([0, 1], [2], 'int32') };
    };
    const { history } = await fit({
      model,
      optimizer: new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }),
      epochs: 3,
      trainBatches: batches,
      evalBatches: batches,
      loss: (out, b) => crossEntropy(out, b.y),
      metrics: (out, b) => ({ loss: crossEntropy(out, b.y) }),
      checkpoint: store,
    });
    expect(history).toHaveLength(3);
    expect(history[2].trainLoss).toBeLessThan(history[0].trainLoss);
    const restored = make();
    expect(loadCheckpoint(store.bytes!, { model: restored })).toMatchObject({ epoch: 3, step: 3 });
    for (const [k, t] of model.stateDict()) {
      expect(Array.from(await restored.stateDict().get(k)!.data())).toEqual(Array.from(await t.data()));
    }
    expect(() => model.stateDict().get('0.weight')!.dataSync()).toThrow();
  });
});
