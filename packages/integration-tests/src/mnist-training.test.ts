import { backendName, getBackend, memory, setBackend } from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';
import { constantCurrentLIFEncode } from '@snn/encoders';
import { Adam, fit, imageBatches, manualSeed, maxLogSoftmax, nllLoss } from '@snn/modules';
import { registerCpuBackends } from './test-utils/backends.js';
import { describeWithMnist, mnistDir } from './test-utils/mnist.js';
import { norseRecurrentSNN } from './test-utils/norse-recurrent.js';

/*
 * The Norse tutorial's recurrent SNN (@snn/modules) trained by `fit` with Adam on real MNIST batches
 * (@snn/data-mnist through imageBatches, @snn/encoders' constant-current encoder) on tfjs-wasm: 50
 * steps with the loss going down, the first steps' losses equal to the reference backend's (same
 * seeded weights and batches), and the backend's live buffers flat over the run.
 */
const T = 16;
const HIDDEN = 64;
const BATCH = 32;
const STEPS = 50;
const COMPARED = 5; // reference steps are slow: compare the first few only

async function train(backend: string, loader: DataLoader, steps: number) {
  await setBackend(backend);
  expect(backendName()).toBe(backend);
  manualSeed(0);
  const net = norseRecurrentSNN(784, HIDDEN, 10, 7);
  const optimizer = new Adam(net.parameters(), { lr: 2e-3 });
  const losses: number[] = [];
  const buffers: number[] = [];
  const tensors: number[] = [];
  const batches = imageBatches(loader, { encode: (x) => constantCurrentLIFEncode(x, T) });
  await fit({
    model: net,
    optimizer,
    epochs: 1,
    trainBatches: function* (epoch) {
      let n = 0;
      for (const b of batches(epoch)) {
        if (n++ === steps) return;
        yield b;
      }
    },
    loss: (readout, { y }) => nllLoss(maxLogSoftmax(readout), y),
    onBatch: ({ loss }) => {
      losses.push(loss);
      buffers.push(getBackend().memory().buffers);
      tensors.push(memory().numTensors);
    },
  });
  net.dispose();
  optimizer.dispose();
  return { losses, buffers, tensors };
}

describeWithMnist('Norse recurrent SNN on MNIST', () => {
  test(`${STEPS} Adam steps by fit on tfjs-wasm: loss down, equal to the reference backend, memory flat`, async () => {
    registerCpuBackends();
    const mnist = await loadMnist({ split: 'train', dataDir: mnistDir, download: false });
    const loader = new DataLoader(mnist.take(BATCH * STEPS), { batchSize: BATCH, shuffle: true, seed: 1 });

    const got = await train('tfjs-wasm', loader, STEPS);
    const want = await train('reference', loader, COMPARED);
    expect(got.losses).toHaveLength(STEPS);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(got.losses.slice(0, 5));
    const last = mean(got.losses.slice(-5));
    console.info(
      `tfjs-wasm MNIST losses: first 5 mean ${first.toFixed(4)}, last 5 mean ${last.toFixed(4)}\n` +
        `reference ${want.losses.map((l) => l.toFixed(5)).join(' ')}\n` +
        `tfjs-wasm ${got.losses
          .slice(0, COMPARED)
          .map((l) => l.toFixed(5))
          .join(' ')}`,
    );
    expect(last).toBeLessThan(first * 0.9);
    // float32 summation order differs between backends; a spike flipped by one rounding would move a
    // loss by ~1e-4 relative, so that is the bound.
    want.losses.forEach((l, k) => {
      expect(Math.abs(got.losses[k] - l)).toBeLessThanOrEqual(2e-4 * Math.abs(l));
    });
    // No growth across the run (after the first step's per-backend constants).
    expect(got.buffers[STEPS - 1]).toBe(got.buffers[1]);
    expect(got.tensors[STEPS - 1]).toBe(got.tensors[1]);
    await setBackend('reference');
  }, 600_000);
});
