import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mnistDir, testWithMnist } from './test-utils/mnist-dir.js';
import { tempDir } from './test-utils/quick-run.js';
import { lastLineJson, runCli } from './test-utils/run-cli.js';

describe('mnist-demo CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('cli');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  testWithMnist(
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
      // Every key of the --json line is snake_case, the history's too.
      const keys = (v: unknown): string[] =>
        Array.isArray(v)
          ? v.flatMap(keys)
          : v !== null && typeof v === 'object'
            ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)])
            : [];
      for (const key of keys(summary)) expect(key).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(Object.keys(summary.history[0])).toEqual([
        'epoch',
        'train_loss',
        'test_loss',
        'test_accuracy',
        'train_samples_per_s',
        'seconds',
      ]);
      expect(summary.test_accuracy).toBeLessThanOrEqual(100);
      expect(train.stdout).toMatch(/test accuracy \d+\.\d\d%/);
      expect(train.stderr).toMatch(/epoch 1\/1 2\/2 {2}loss \d/);
      for (const file of ['input-spikes', 'hidden-membrane', 'output-membrane', 'loss', 'accuracy']) {
        expect(existsSync(join(dir, 'plots', `${file}.svg`))).toBe(true);
        expect(existsSync(join(dir, 'plots', `${file}.png`))).toBe(true);
      }
      expect(existsSync(join(dir, 'plots', 'report.html'))).toBe(true);
      // The input picture leads with this run's encoder; the readout shows all 10 classes.
      const svg = (name: string) => readFileSync(join(dir, 'plots', `${name}.svg`), 'utf8');
      expect(svg('input-spikes')).toContain('direct (this run)');
      const classes = new Set(
        [...svg('output-membrane').matchAll(/role-legend-label[\s\S]*?<text[^>]*>(\d+)<\/text>/g)].map(
          (m) => m[1],
        ),
      );
      expect(classes.size).toBe(10);

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

  testWithMnist(
    '--lr 1e30 stops training with a clear error; the last good checkpoint stays as it was',
    async () => {
      const out = join(dir, 'huge-lr');
      // The default preset: with Adam at lr 1e30 its second step, the epoch's last, meets a NaN gradient
      // under a finite loss; a check of the loss alone let that update through into the epoch's
      // checkpoint. (snntorch-fc's weights merely grow to about 1e30: finite, nothing to stop.)
      const run = '--model norse-recurrent --steps 8 --limit-train 64 --limit-test 32 --batch-size 32';
      const common =
        `${run} --data-dir ${mnistDir()} --no-download --backend tfjs-wasm --out-dir ${out}`.split(' ');
      expect((await runCli(['train', '--epochs', '1', ...common])).code).toBe(0);
      const good = readFileSync(join(out, 'checkpoint.safetensors'));
      const r = await runCli(['train', '--epochs', '1', '--lr', '1e30', ...common]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^mnist-demo: (a gradient is not finite|loss is|the parameters are not finite).*training stopped/m,
      );
      expect(readFileSync(join(out, 'checkpoint.safetensors')).equals(good)).toBe(true);
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

  test('unknown commands and --help', async () => {
    const help = await runCli(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--limit-train');
    const unknown = await runCli(['fly']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'fly'");
  });
});
