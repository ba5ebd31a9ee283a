import { rm } from 'node:fs/promises';
import { mnistDir, testWithMnist } from '../test-utils/mnist-dir.js';
import { tempDir } from '../test-utils/quick-run.js';
import { runCli } from '../test-utils/run-cli.js';

/*
 * norse-conv at its preset settings (batch 256, 48 steps) on tfjs-wasm: one batch of it needs about
 * 10 GiB of activations for backpropagation through time, and tfjs-wasm's heap stops at 4 GiB. Before
 * the batches were split, the run died in its first batch with "memory access out of bounds" (about
 * 20 s in, 4.2 GB resident); now each batch trains in parts of 37 within the memory budget. One batch
 * of 256, as the preset has it: about 40 s and 1.8 GB resident from the command line on a loaded
 * 2-core machine, 80 s in this test (jest's vm context slows the JS parts).
 */
testWithMnist(
  'norse-conv trains a batch of 256 at its defaults on tfjs-wasm (it overran the 4 GiB wasm heap)',
  async () => {
    const outDir = await tempDir('norse-conv-defaults');
    try {
      const r = await runCli(
        `train --model norse-conv --epochs 1 --limit-train 256 --limit-test 37 --data-dir ${mnistDir()} --no-download --backend tfjs-wasm --json --out-dir ${outDir}`.split(
          ' ',
        ),
      );
      expect(r.stderr).not.toMatch(/^mnist-demo: /m); // no error (progress goes to stderr too)
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('batches of 256 train in parts of 37');
      const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(summary).toMatchObject({
        model: 'norse-conv',
        backend: 'tfjs-wasm',
        batch_size: 256,
        steps: 48,
      });
      expect(Number.isFinite(summary.history[0].train_loss)).toBe(true);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  },
  300_000,
);
