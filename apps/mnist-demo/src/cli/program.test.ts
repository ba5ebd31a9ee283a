import { UsageError } from '../errors.js';
import { PRESETS } from '../presets.js';
import type { EvalConfig, PredictConfig } from './eval-config.js';
import type { ExportNirConfig } from './nir-commands.js';
import type { AgreeConfig } from './onnx-config.js';
import { createProgram } from './program.js';
import type { TrainConfig } from './train-config.js';

interface Captured {
  train?: TrainConfig;
  eval?: EvalConfig;
  predict?: PredictConfig;
  exportNir?: ExportNirConfig;
  agree?: AgreeConfig;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Captured> {
  const captured: Captured = { out: '', err: '' };
  const program = createProgram(
    {
      train: async (c) => {
        captured.train = c;
      },
      eval: async (c) => {
        captured.eval = c;
      },
      predict: async (c) => {
        captured.predict = c;
      },
      exportOnnx: async () => {},
      exportNir: async (c) => {
        captured.exportNir = c;
      },
      infer: async () => {},
      agree: async (c) => {
        captured.agree = c;
      },
    },
    {
      writeOut: (t) => {
        captured.out += t;
      },
      writeErr: (t) => {
        captured.err += t;
      },
    },
  );
  await program.parseAsync(args, { from: 'user' });
  return captured;
}

describe('mnist-demo train flags', () => {
  test('no flags: the default preset with its tutorial hyperparameters', async () => {
    const { train } = await run(['train']);
    expect(train).toMatchObject({
      preset: 'norse-recurrent',
      encoder: 'constant-current',
      backend: 'auto',
      steps: 32,
      batchSize: 256,
      lr: 0.002,
      optimizer: 'adam',
      epochs: 5,
      dataset: 'mnist',
      outDir: 'runs/norse-recurrent',
      seed: 0,
      plots: false,
      json: false,
      download: true,
    });
  });

  test('every preset takes its own defaults', async () => {
    for (const preset of Object.values(PRESETS)) {
      const { train } = await run(['train', '--model', preset.name]);
      expect(train).toMatchObject({
        preset: preset.name,
        encoder: preset.encoder,
        steps: preset.steps,
        batchSize: preset.batchSize,
        lr: preset.lr,
        epochs: preset.epochs,
      });
    }
  });

  test('overrides are parsed as numbers', async () => {
    const { train } = await run([
      'train',
      '--model',
      'snntorch-fc',
      '--steps',
      '5',
      '--batch-size',
      '16',
      '--epochs',
      '2',
      '--lr',
      '1e-2',
      '--optimizer',
      'sgd',
      '--momentum',
      '0.9',
      '--tau',
      '4',
      '--limit-train',
      '300',
      '--limit-test',
      '100',
      '--seed',
      '7',
      '--encoder',
      'rate',
      '--plots',
      '--json',
    ]);
    expect(train).toMatchObject({
      steps: 5,
      batchSize: 16,
      epochs: 2,
      lr: 0.01,
      optimizer: 'sgd',
      momentum: 0.9,
      tau: 4,
      limitTrain: 300,
      limitTest: 100,
      seed: 7,
      encoder: 'rate',
      plots: true,
      json: true,
    });
  });

  test.each([
    [['--model', 'norse-lstm'], /unknown preset 'norse-lstm'.*norse-recurrent, norse-conv/],
    [['--lr', '-0.1'], /--lr must be greater than 0, got -0.1/],
    [['--lr', 'fast'], /--lr must be a number, got 'fast'/],
    [['--steps', '0'], /--steps must be at least 1, got 0/],
    [['--batch-size', '2.5'], /--batch-size must be a whole number/],
    [['--epochs', '-1'], /--epochs must be at least 1/],
    [['--tau', '0'], /--tau must be greater than 0/],
    [['--momentum', '0.9'], /--momentum applies to --optimizer sgd/],
    [['--optimizer', 'sgd', '--momentum', '1'], /--momentum must be below 1/],
    [['--encoder', 'morse'], /--encoder: unknown value 'morse'/],
    [
      ['--model', 'snntorch-fc', '--encoder', 'rate', '--limit-train', '0'],
      /--limit-train must be at least 1/,
    ],
    [
      ['--model', 'norse-recurrent', '--encoder', 'direct'],
      /--encoder direct does not fit --model norse-recurrent/,
    ],
    [['--out-dir', ''], /--out-dir needs a path/],
  ])('train %j is refused with a clear message', async (args, message) => {
    const result = run(['train', ...args]);
    await expect(result).rejects.toThrow(UsageError);
    await expect(run(['train', ...args])).rejects.toThrow(message);
  });

  test('choices are checked by the parser: unknown backend or data set', async () => {
    await expect(run(['train', '--backend', 'cuda'])).rejects.toThrow(/Allowed choices are auto, reference/);
    await expect(run(['train', '--dataset', 'cifar10'])).rejects.toThrow(/mnist, fashion-mnist, kmnist/);
  });

  test('--help documents every flag and the presets', async () => {
    let out = '';
    const program = createProgram(
      {
        train: async () => {},
        eval: async () => {},
        predict: async () => {},
        exportOnnx: async () => {},
        exportNir: async () => {},
        infer: async () => {},
        agree: async () => {},
      },
      {
        writeOut: (t) => {
          out += t;
        },
        writeErr: () => {},
      },
    );
    await expect(program.parseAsync(['train', '--help'], { from: 'user' })).rejects.toMatchObject({
      code: 'commander.helpDisplayed',
    });
    for (const flag of [
      '--model',
      '--encoder',
      '--backend',
      '--steps',
      '--batch-size',
      '--epochs',
      '--lr',
      '--optimizer',
      '--momentum',
      '--tau',
      '--dataset',
      '--data-dir',
      '--no-download',
      '--out-dir',
      '--resume',
      '--init-from',
      '--seed',
      '--limit-train',
      '--limit-test',
      '--plots',
      '--json',
    ]) {
      expect(out).toContain(flag);
    }
    for (const preset of Object.keys(PRESETS)) expect(out).toContain(preset);
  });
});

describe('mnist-demo train --init-from', () => {
  test('takes a NIR file, and not together with --resume', async () => {
    const { train } = await run(['train', '--model', 'snntorch-fc', '--init-from', 'model.nir']);
    expect(train).toMatchObject({ preset: 'snntorch-fc', initFrom: 'model.nir', resume: undefined });
    await expect(
      run(['train', '--init-from', 'model.nir', '--resume', 'runs/x/checkpoint.safetensors']),
    ).rejects.toThrow(/--init-from and --resume do not go together/);
    await expect(run(['train', '--init-from', ' '])).rejects.toThrow(/--init-from needs a path/);
  });
});

describe('mnist-demo eval and predict flags', () => {
  test('eval needs a checkpoint', async () => {
    await expect(run(['eval'])).rejects.toThrow(/--checkpoint <file> is required/);
    const { eval: config } = await run(['eval', '--checkpoint', 'c.json', '--limit-test', '50']);
    expect(config).toMatchObject({
      checkpoint: 'c.json',
      limitTest: 50,
      backend: 'auto',
      dataset: undefined,
    });
  });

  test('predict takes indices as a list or comma-separated', async () => {
    const { predict } = await run(['predict', '--checkpoint', 'c.json', '--index', '3', '4,5']);
    expect(predict?.indices).toEqual([3, 4, 5]);
    await expect(run(['predict', '--checkpoint', 'c.json', '--index', '-1'])).rejects.toThrow(
      /--index must be at least 0/,
    );
  });

  test('export-nir needs a checkpoint and an output file', async () => {
    await expect(run(['export-nir', '--out', 'm.nir'])).rejects.toThrow(/--checkpoint <file> is required/);
    await expect(run(['export-nir', '--checkpoint', 'c.json'])).rejects.toThrow(/--out <file> is required/);
    const { exportNir } = await run(['export-nir', '--checkpoint', 'c.json', '--out', 'm.nir', '--json']);
    expect(exportNir).toEqual({ checkpoint: 'c.json', out: 'm.nir', json: true });
  });

  test('agree needs a checkpoint; the ONNX file, threads and the image count are optional', async () => {
    await expect(run(['agree'])).rejects.toThrow(/--checkpoint <file> is required/);
    await expect(run(['agree', '--checkpoint', 'c.json', '--threads', '0'])).rejects.toThrow(/--threads/);
    const { agree } = await run(['agree', '--checkpoint', 'c.json', '--limit-test', '100', '--threads', '1']);
    expect(agree).toMatchObject({
      checkpoint: 'c.json',
      onnx: undefined,
      limitTest: 100,
      threads: 1,
      backend: 'auto',
    });
    const withFile = await run([
      'agree',
      '--checkpoint',
      'c.json',
      '--onnx',
      'm.onnx',
      '--backend',
      'reference',
    ]);
    expect(withFile.agree).toMatchObject({ onnx: 'm.onnx', backend: 'reference', threads: undefined });
  });
});
