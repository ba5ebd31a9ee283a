import { rm } from 'node:fs/promises';
import { OutOfMemoryError } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../runtime/backend.js';
import { mnistDir, testWithMnist } from '../test-utils/mnist-dir.js';
import { tempDir } from '../test-utils/quick-run.js';
import { runCli } from '../test-utils/run-cli.js';
import { microBatchSize, splitBatch } from './micro-batches.js';

/*
 * A real out-of-memory takes minutes of training to reach; here tfjs-wasm's allocator is made to fail
 * every request of 4 MiB or more (the weights, 3 MiB, still load), as its guard does when the 4 GiB heap is full.
 */
testWithMnist(
  'an out-of-memory while training exits 6, naming kernel and bytes, suggesting a smaller --batch-size',
  async () => {
    const dir = await tempDir('oom');
    await useBackend('tfjs-wasm');
    const wasm = (tf.findBackend('wasm') as unknown as { wasm: { _malloc(n: number): number } }).wasm;
    const guarded = wasm._malloc;
    wasm._malloc = (bytes: number) => {
      if (bytes >= 4 * 2 ** 20)
        throw new OutOfMemoryError(bytes, 'tfjs-wasm', undefined, 'simulated: heap full');
      return guarded(bytes);
    };
    try {
      const r = await runCli(
        `train --model snntorch-fc --steps 25 --batch-size 64 --limit-train 64 --limit-test 64 --data-dir ${mnistDir()} --no-download --backend tfjs-wasm --out-dir ${dir}`.split(
          ' ',
        ),
      );
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(
        /^mnist-demo: out of memory: backend 'tfjs-wasm' could not allocate [\d.]+ MiB for kernel \w+ \(simulated: heap full\)\. Backpropagation through time keeps every step's activations of a batch: try a smaller --batch-size \(now 64\) or fewer --steps \(now 25\)$/m,
      );
    } finally {
      wasm._malloc = guarded;
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test('norse-conv trains its batches of 256 in parts that fit the memory budget; other presets do not split', () => {
  expect(microBatchSize({ preset: 'norse-conv', steps: 48, batchSize: 256 })).toBe(37);
  expect(microBatchSize({ preset: 'norse-conv', steps: 96, batchSize: 256 })).toBe(18);
  expect(microBatchSize({ preset: 'norse-conv', steps: 48, batchSize: 16 })).toBe(16);
  expect(microBatchSize({ preset: 'norse-recurrent', steps: 32, batchSize: 256 })).toBe(256);
});

test('splitBatch cuts spikes [T, B, ...] along B and pixels [B, ...] along axis 0, labels alike', async () => {
  const { tensor } = await import('@snn/core');
  const x = tensor(
    Float32Array.from({ length: 2 * 5 * 3 }, (_, i) => i),
    [2, 5, 3],
  );
  const y = tensor(Int32Array.from([0, 1, 2, 3, 4]), [5], 'int32');
  const parts = splitBatch({ x, y, size: 5 }, 2, 1);
  expect(parts.map((p) => [p.x.shape, p.y.shape, p.size])).toEqual([
    [[2, 2, 3], [2], 2],
    [[2, 2, 3], [2], 2],
    [[2, 1, 3], [1], 1],
  ]);
  expect(Array.from(parts[2].x.dataSync())).toEqual([12, 13, 14, 27, 28, 29]);
  expect(Array.from(parts[1].y.dataSync())).toEqual([2, 3]);
  const flat = splitBatch({ x: tensor(new Float32Array(10), [5, 2]), y, size: 5 }, 3, 0);
  expect(flat.map((p) => p.x.shape)).toEqual([
    [3, 2],
    [2, 2],
  ]);
  expect(splitBatch({ x, y, size: 5 }, 8, 1)).toHaveLength(1);
});
