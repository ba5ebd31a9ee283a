import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeWithMnist, mnistDir } from '../test-utils/mnist-dir.js';
import { tempDir } from '../test-utils/quick-run.js';
import { lastLineJson, runCli } from '../test-utils/run-cli.js';

/*
 * `mnist-demo export-onnx` and `mnist-demo infer` as a user types them: the file's test accuracy
 * equals `eval`'s on the same images (stochastic encoders: the same spike trains, from the same
 * seeds and batch size), per-step files give the whole-sequence file's answers, and mistakes give
 * the documented exit codes. Needs MNIST: skipped where it is missing (the run prints one line).
 */

const cli = runCli;
const json = lastLineJson;

describeWithMnist('mnist-demo export-onnx / infer', () => {
  let dir: string;
  const data = ['--data-dir', mnistDir(), '--no-download'];
  beforeAll(async () => {
    dir = await tempDir('onnx-cli');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function train(model: string, extra: string[]): Promise<string> {
    const out = join(dir, model);
    const r = await cli([
      'train',
      '--model',
      model,
      '--limit-train',
      '128',
      '--limit-test',
      '16',
      '--batch-size',
      '32',
      '--epochs',
      '1',
      '--out-dir',
      out,
      '--backend',
      'tfjs-wasm',
      '--json',
      ...extra,
      ...data,
    ]);
    expect(r.code).toBe(0);
    return json(r.stdout).checkpoint as string;
  }

  test.each([
    ['snntorch-fc', ['--steps', '6']],
    ['spikingjelly-lif-fc', ['--steps', '8']],
  ])(
    '%s: export-onnx, then infer gives eval’s accuracy (whole sequence and per step); agree compares both',
    async (model, extra) => {
      const checkpoint = await train(model, extra);
      const images = ['--limit-test', '200', '--batch-size', '50', '--seed', '3'];
      const evalRun = await cli([
        'eval',
        '--checkpoint',
        checkpoint,
        '--backend',
        'tfjs-wasm',
        '--json',
        ...images,
        ...data,
      ]);
      expect(evalRun.code).toBe(0);
      const want = json(evalRun.stdout).test_accuracy as number;
      for (const perStep of [[], ['--per-step']]) {
        const file = join(dir, `${model}${perStep.length ? '-step' : ''}.onnx`);
        const exported = await cli([
          'export-onnx',
          '--checkpoint',
          checkpoint,
          '--out',
          file,
          '--json',
          ...perStep,
        ]);
        expect(exported.stderr).not.toContain('mnist-demo:');
        expect(exported.code).toBe(0);
        expect(json(exported.stdout)).toMatchObject({
          model,
          opset: 17,
          form: perStep.length ? 'step' : 'sequence',
        });
        expect(existsSync(file)).toBe(true);
        const inferred = await cli(['infer', '--onnx', file, '--json', '--threads', '1', ...images, ...data]);
        expect(inferred.code).toBe(0);
        const summary = json(inferred.stdout);
        expect(summary).toMatchObject({ model, runtime: 'onnxruntime-node', test_samples: 200, threads: 1 });
        // One image's spike may flip (sums in another order): at most one image apart.
        expect(Math.abs(summary.test_accuracy - want)).toBeLessThanOrEqual(0.5);
        expect(inferred.stdout).toMatch(
          new RegExp(`^${model} \\((sequence|step) ONNX, onnxruntime-node, threads 1\\): test accuracy`, 'm'),
        );
      }
      // agree: the library and the ONNX file (given, or exported in memory) on the same images.
      for (const onnx of [[], ['--onnx', join(dir, `${model}.onnx`)]]) {
        const agreed = await cli([
          'agree',
          '--checkpoint',
          checkpoint,
          '--backend',
          'tfjs-wasm',
          '--json',
          '--threads',
          '1',
          ...images,
          ...onnx,
          ...data,
        ]);
        expect(agreed.stderr).not.toContain('mnist-demo:');
        expect(agreed.code).toBe(0);
        const a = json(agreed.stdout);
        expect(a).toMatchObject({ model, test_samples: 200, onnx: onnx[1] ?? 'exported in memory' });
        expect(a.agree).toBeGreaterThanOrEqual(199);
        expect(a.scores_close).toBeGreaterThanOrEqual(198);
        expect(agreed.stdout).toMatch(new RegExp(`^${model}: predictions agree on \\d+ of 200 images`, 'm'));
      }
    },
    300_000,
  );

  test('mistakes exit with the documented codes and say what is wrong', async () => {
    const missingFlag = await cli(['export-onnx', '--out', join(dir, 'x.onnx')]);
    expect(missingFlag.code).toBe(2);
    expect(missingFlag.stderr).toMatch(/--checkpoint <file> is required/);
    const noCheckpoint = await cli([
      'export-onnx',
      '--checkpoint',
      join(dir, 'none.safetensors'),
      '--out',
      join(dir, 'x.onnx'),
    ]);
    expect(noCheckpoint.code).toBe(4);
    expect(noCheckpoint.stderr).toMatch(/does not exist/);
    const noModel = await cli(['infer', '--onnx', join(dir, 'none.onnx'), ...data]);
    expect(noModel.code).toBe(4);
    expect(noModel.stderr).toMatch(/ONNX model .*none\.onnx does not exist/);
    const badThreads = await cli(['infer', '--onnx', 'm.onnx', '--threads', '0']);
    expect(badThreads.code).toBe(2);
    expect(badThreads.stderr).toMatch(/--threads must be at least 1/);
  });
});
