import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUniform, stack, type Tensor } from '@snn/core';
import { fromNir, readNir } from '@snn/nir';
import { DECODERS } from '../onnx/preset-export.js';
import { describeWithMnist, mnistDir } from '../test-utils/mnist-dir.js';
import { tempDir } from '../test-utils/quick-run.js';
import { lastLineJson, runCli } from '../test-utils/run-cli.js';
import { restoreNetwork } from '../train/restore.js';

/*
 * `mnist-demo export-nir` as a user types it: a trained checkpoint becomes a NIR file whose graph,
 * read back and run by fromNir, gives the restored network's scores; mistakes give the documented
 * exit codes. Needs MNIST (to train the checkpoint): skipped when it is missing (the run prints one line).
 */

describeWithMnist('mnist-demo export-nir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('nir-cli');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('a trained snntorch-fc checkpoint: the file runs with the checkpoint’s scores', async () => {
    const trained = await runCli([
      'train',
      '--model',
      'snntorch-fc',
      '--steps',
      '6',
      '--limit-train',
      '128',
      '--limit-test',
      '16',
      '--batch-size',
      '32',
      '--epochs',
      '1',
      '--out-dir',
      join(dir, 'snntorch-fc'),
      '--backend',
      'tfjs-wasm',
      '--json',
      '--data-dir',
      mnistDir(),
      '--no-download',
    ]);
    expect(trained.code).toBe(0);
    const checkpoint = lastLineJson(trained.stdout).checkpoint as string;
    const file = join(dir, 'model.nir');
    const exported = await runCli(['export-nir', '--checkpoint', checkpoint, '--out', file, '--json']);
    expect(exported.stderr).not.toContain('mnist-demo:');
    expect(exported.code).toBe(0);
    expect(lastLineJson(exported.stdout)).toMatchObject({
      model: 'snntorch-fc',
      steps: 6,
      dt: 0.001,
      out: file,
    });
    expect(exported.stdout).toMatch(
      /^snntorch-fc \(direct encoder outside, T 6\): wrote .*model\.nir, a NIR graph of \d+ nodes/m,
    );

    const { graph } = await readNir(await readFile(file), file);
    expect(graph.metadata).toMatchObject({ 'mnist_demo.preset': 'snntorch-fc', 'snn.dt': 0.001 });
    const model = fromNir(graph);
    const { network } = await restoreNetwork(checkpoint);
    const pixels = randomUniform([4, 784], { seed: 1, low: 0, high: 3 });
    const want = network.scores(network.forward(pixels));
    const got = DECODERS['snntorch-fc'](model.forward(stack(new Array<Tensor>(6).fill(pixels), 0)));
    expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
  }, 300_000);

  test('mistakes exit with the documented codes and say what is wrong', async () => {
    const missingFlag = await runCli(['export-nir', '--checkpoint', 'c.safetensors']);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toMatch(/--out <file> is required/);
    const noCheckpoint = await runCli([
      'export-nir',
      '--checkpoint',
      join(dir, 'none.safetensors'),
      '--out',
      join(dir, 'x.nir'),
    ]);
    expect(noCheckpoint.code).toBe(4);
    expect(noCheckpoint.stderr).toMatch(/does not exist/);
  });
});
