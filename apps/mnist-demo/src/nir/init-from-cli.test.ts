import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeWithMnist, mnistDir } from '../test-utils/mnist-dir.js';
import { modelTensors } from '../test-utils/model-tensors.js';
import { tempDir } from '../test-utils/quick-run.js';
import { lastLineJson, runCli } from '../test-utils/run-cli.js';

/*
 * `mnist-demo train --init-from model.nir` as a user types it: a checkpoint exported with export-nir
 * starts a new run (another seed) from the checkpoint's weights. With a learning rate too small to
 * move a float32 weight (1e-30) the run trains on the file's weights unchanged: its checkpoint holds
 * the exported checkpoint's tensors bit for bit and its test numbers are the checkpoint's (`eval`),
 * while the same run without --init-from scores otherwise. A file of another preset exits 4 naming
 * both networks. Needs MNIST: skipped where it is missing (the run prints one line).
 */

/** What `eval` and `train` share: backend, JSON output, the data. */
const EVAL = ['--backend', 'tfjs-wasm', '--json', '--data-dir', mnistDir(), '--no-download'];

const COMMON = [
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
  ...EVAL,
];

describeWithMnist('mnist-demo train --init-from', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('init-from-cli');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('an exported checkpoint starts the run from its weights; another preset exits 4', async () => {
    const trained = await runCli(['train', '--model', 'snntorch-fc', ...COMMON, '--out-dir', join(dir, 'a')]);
    expect(trained.code).toBe(0);
    const checkpoint = lastLineJson(trained.stdout).checkpoint as string;
    const file = join(dir, 'model.nir');
    expect((await runCli(['export-nir', '--checkpoint', checkpoint, '--out', file])).code).toBe(0);

    const tiny = ['--model', 'snntorch-fc', '--seed', '5', '--lr', '1e-30', ...COMMON];
    const started = await runCli(['train', ...tiny, '--init-from', file, '--out-dir', join(dir, 'b')]);
    expect(started.stderr).not.toContain('mnist-demo:');
    expect(started.code).toBe(0);
    expect(started.stderr).toContain(
      `initialised from ${file}: 6 tensors (weights and neuron parameters) from a NIR graph of 10 nodes`,
    );
    const b = lastLineJson(started.stdout);
    expect(await modelTensors(b.checkpoint)).toEqual(await modelTensors(checkpoint));

    const evaluated = await runCli([
      'eval',
      '--checkpoint',
      checkpoint,
      '--limit-test',
      '32',
      '--batch-size',
      '32',
      ...EVAL,
    ]);
    expect(evaluated.code).toBe(0);
    const e = lastLineJson(evaluated.stdout);
    expect(b.test_accuracy).toBe(e.test_accuracy);
    expect(b.test_loss).toBeCloseTo(e.test_loss, 4);

    const control = lastLineJson((await runCli(['train', ...tiny, '--out-dir', join(dir, 'c')])).stdout);
    expect(control.test_loss).not.toBeCloseTo(e.test_loss, 4);

    const other = await runCli([
      'train',
      '--model',
      'spikingjelly-lif-fc',
      ...COMMON,
      '--init-from',
      file,
      '--out-dir',
      join(dir, 'd'),
    ]);
    expect(other.code).toBe(4);
    expect(other.stderr).toContain(`--init-from: ${file} does not fit --model spikingjelly-lif-fc:`);
    expect(other.stderr).toContain('fc1: Affine weight [1000, 784] bias [1000]');
  }, 600_000);
});
