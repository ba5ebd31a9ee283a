import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mnistDir, mnistTests } from './test-utils/mnist-dir.js';
import { tempDir } from './test-utils/quick-run.js';
import { lastLineJson, runCli } from './test-utils/run-cli.js';

const withMnist = mnistTests('mnist-demo CLI training');

describe('mnist-demo CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('cli');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  withMnist.test(
    'train --json --plots, then eval and predict on its checkpoint',
    async () => {
      const common = ['--data-dir', mnistDir(), '--no-download', '--backend', 'tfjs-wasm'];
      const train = await runCli([
        'train',
        '--model',
        'snntorch-fc',
        '--steps',
        '4',
        '--limit-train',
        '64',
        '--limit-test',
        '32',
        '--batch-size',
        '32',
        '--epochs',
        '1',
        '--out-dir',
        dir,
        '--plots',
        '--json',
        ...common,
      ]);
      expect(train.stderr).not.toContain('mnist-demo:');
      expect(train.code).toBe(0);
      const summary = lastLineJson(train.stdout);
      expect(summary).toMatchObject({
        model: 'snntorch-fc',
        encoder: 'direct',
        backend: 'tfjs-wasm',
        dataset: 'mnist',
        epochs: 1,
      });
      for (const key of ['test_accuracy', 'test_loss', 'train_samples_per_s', 'seconds']) {
        expect(typeof summary[key]).toBe('number');
      }
      expect(summary.test_accuracy).toBeGreaterThanOrEqual(0);
      expect(summary.test_accuracy).toBeLessThanOrEqual(100);
      expect(train.stdout).toMatch(/test accuracy \d+\.\d\d%/);
      expect(train.stderr).toMatch(/epoch 1\/1 2\/2 {2}loss \d/);
      for (const file of ['input-spikes', 'hidden-membrane', 'output-membrane', 'loss', 'accuracy']) {
        expect(existsSync(join(dir, 'plots', `${file}.svg`))).toBe(true);
        expect(existsSync(join(dir, 'plots', `${file}.png`))).toBe(true);
      }
      expect(existsSync(join(dir, 'plots', 'report.html'))).toBe(true);

      const checkpoint = join(dir, 'checkpoint.safetensors');
      const evaluated = await runCli([
        'eval',
        '--checkpoint',
        checkpoint,
        '--limit-test',
        '32',
        '--json',
        ...common,
      ]);
      expect(evaluated.code).toBe(0);
      const evalSummary = lastLineJson(evaluated.stdout);
      // Same network, same test images, same (deterministic) input: the same numbers as after training.
      expect(evalSummary.test_accuracy).toBe(summary.test_accuracy);
      expect(evalSummary.test_loss).toBe(summary.test_loss);

      const predicted = await runCli([
        'predict',
        '--checkpoint',
        checkpoint,
        '--index',
        '0',
        '1',
        '--json',
        ...common,
      ]);
      expect(predicted.code).toBe(0);
      const p = lastLineJson(predicted.stdout);
      expect(p.predictions.map((x: { index: number; label: number }) => [x.index, x.label])).toEqual([
        [0, 7],
        [1, 2],
      ]);
      expect(predicted.stdout).toContain('test image 0: label 7, predicted');
    },
    120_000,
  );

  test('flag errors exit with status 2 and a message', async () => {
    const bad = await runCli(['train', '--model', 'lenet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("mnist-demo: --model: unknown preset 'lenet'");
    const lr = await runCli(['train', '--lr', '-1']);
    expect(lr.code).toBe(2);
    expect(lr.stderr).toContain('--lr must be greater than 0');
  });

  test('missing data exits with status 3 and says how to provide it', async () => {
    const saved = { mnist: process.env.SNN_MNIST_DIR, cache: process.env.XDG_CACHE_HOME };
    delete process.env.SNN_MNIST_DIR;
    process.env.XDG_CACHE_HOME = join(dir, 'empty-cache');
    try {
      const res = await runCli([
        'train',
        '--data-dir',
        join(dir, 'nothing-here'),
        '--no-download',
        '--backend',
        'reference',
      ]);
      expect(res.code).toBe(3);
      expect(res.stderr).toMatch(/MNIST train files not found|MNIST test files not found/);
      expect(res.stderr).toContain('SNN_MNIST_DIR');
      expect(res.stderr).toContain('--data-dir');
    } finally {
      if (saved.mnist !== undefined) process.env.SNN_MNIST_DIR = saved.mnist;
      if (saved.cache === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved.cache;
    }
  });

  test('unknown commands and --help', async () => {
    const help = await runCli(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--limit-train');
    const unknown = await runCli(['fly']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'fly'");
  });
});
