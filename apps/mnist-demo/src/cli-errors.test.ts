import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OutOfMemoryError } from '@snn/core';
import { ChecksumError, DatasetError, encodeIdx } from '@snn/data-mnist';
import { AUTO_BACKEND } from './cli/train-config.js';
import { exitCodeOf } from './errors.js';
import { tempDir } from './test-utils/quick-run.js';
import { runCli } from './test-utils/run-cli.js';
import { savedRun, tampered } from './test-utils/saved-run.js';

/*
 * The command line against mistakes and hostile files; none of these needs the MNIST files: every
 * failure here happens before any data is read (or with data made up for the test).
 */
let dir: string;
beforeAll(async () => {
  dir = await tempDir('errors');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exit status as documented', () => {
  test.each([
    ['an unknown option', ['train', '--learning-rate', '1'], "unknown option '--learning-rate'"],
    ['a value outside the choices', ['train', '--backend', 'cuda'], 'Allowed choices are auto, reference'],
    ['a missing value', ['train', '--model'], "option '--model <preset>' argument missing"],
    ['an unknown command', ['fly'], "unknown command 'fly'"],
  ])("commander's own errors exit 2: %s", async (_what, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('--help and --version-like requests exit 0', async () => {
    expect((await runCli(['train', '--help'])).code).toBe(0);
    expect((await runCli(['help', 'eval'])).code).toBe(0);
  });

  test('every problem with the data exits 3; an out-of-memory exits 6', () => {
    expect(exitCodeOf(new ChecksumError('f.gz', 'sha256', 'a', 'b'))).toBe(3);
    expect(exitCodeOf(new DatasetError('f: label 10 at index 2 is outside [0, 9]'))).toBe(3);
    expect(exitCodeOf(new DatasetError('image/label count mismatch'))).toBe(3);
    expect(exitCodeOf(new OutOfMemoryError(1024, 'tfjs-wasm', 'Conv2D'))).toBe(6);
  });

  test('files with the MNIST names but other content: a checksum or format error, exit 3', async () => {
    const data = join(dir, 'fake-mnist');
    await mkdir(data, { recursive: true });
    // Valid IDX files, but not MNIST's: only the content checksum can tell.
    await writeFile(
      join(data, 't10k-images-idx3-ubyte.gz'),
      gzipSync(encodeIdx('uint8', [2, 28, 28], new Uint8Array(1568))),
    );
    await writeFile(join(data, 't10k-labels-idx1-ubyte.gz'), gzipSync(encodeIdx('uint8', [2], [1, 2])));
    for (const name of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte']) {
      await writeFile(join(data, name), 'not an IDX file');
    }
    const args = ['--data-dir', data, '--no-download', '--backend', 'reference', '--out-dir', join(dir, 'o')];
    const bad = await runCli(['train', '--limit-test', '2', ...args]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/t10k-images-idx3-ubyte\.gz: sha256 \(of the IDX content\) checksum mismatch/);
  });

  test('missing data exits 3 and speaks command line: --data-dir, --no-download, the download size', async () => {
    // No other place may hold the files: not $SNN_MNIST_DIR (CI sets it), not the user cache.
    const saved = { mnist: process.env.SNN_MNIST_DIR, cache: process.env.XDG_CACHE_HOME };
    delete process.env.SNN_MNIST_DIR;
    process.env.XDG_CACHE_HOME = join(dir, 'empty-cache');
    const r = await runCli([
      'train',
      '--data-dir',
      join(dir, 'nothing-here'),
      '--no-download',
      '--backend',
      'reference',
      '--out-dir',
      join(dir, 'o2'),
    ]).finally(() => {
      if (saved.mnist === undefined) delete process.env.SNN_MNIST_DIR;
      else process.env.SNN_MNIST_DIR = saved.mnist;
      if (saved.cache === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved.cache;
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`--data-dir: ${join(dir, 'nothing-here')} (files not there)`);
    expect(r.stderr).toContain('download: off (--no-download)');
    expect(r.stderr).toContain('about 11 MB');
    expect(r.stderr).toContain('SNN_MNIST_DIR: not given');
    expect(r.stderr).not.toContain('{ dataDir');
    expect(r.stderr).not.toContain('download: false');
  });
});

describe('flags refused up front', () => {
  test('preset and dataset names are looked up by own keys only: __proto__ and toString are unknown', async () => {
    for (const name of ['__proto__', 'toString']) {
      const model = await runCli(['train', '--model', name]);
      expect(model.code).toBe(2);
      expect(model.stderr).toContain(`--model: unknown preset '${name}'`);
      const dataset = await runCli(['train', '--dataset', name]);
      expect(dataset.code).toBe(2);
      expect(dataset.stderr).toContain(`argument '${name}' is invalid. Allowed choices are mnist`);
    }
  });

  test('--steps 10000000 is refused before anything is loaded', async () => {
    const t0 = performance.now();
    const r = await runCli(['train', '--steps', '10000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--steps must be at most 10000, got 10000000');
    expect(performance.now() - t0).toBeLessThan(20_000); // hanging would never return
    const big = await runCli(['train', '--steps', '5000', '--batch-size', '1000']);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/one batch of encoded input would take 14\.6 GiB/);
  });

  test('an --out-dir that cannot be made fails at once (recursive mkdir never returns under /proc)', async () => {
    const t0 = performance.now();
    const r = await runCli(['train', '--out-dir', '/proc/snn-demo/run', '--backend', 'reference']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out-dir /proc/snn-demo/run: cannot create /proc/snn-demo/run');
    expect(performance.now() - t0).toBeLessThan(20_000); // hanging would never return
  });
});

describe('checkpoints are input: any failure to restore one exits 4', () => {
  let good: Uint8Array;
  let path: string;
  beforeAll(async () => {
    path = await savedRun(join(dir, 'ckpt'), {
      model: 'snntorch-fc',
      steps: '4',
      epochs: '3',
      backend: 'reference',
    });
    good = new Uint8Array(await readFile(path));
  }, 60_000);

  const evalWith = async (bytes: Uint8Array | string) => {
    const file = join(dir, `c-${Math.random().toString(36).slice(2)}.safetensors`);
    await writeFile(file, bytes);
    return runCli(['eval', '--checkpoint', file, '--backend', 'reference', '--no-download']);
  };

  /** A change to the stored run: a value at a path of its JSON, the checkpoint's progress text, or raw text. */
  type Edit = { at?: (string | number)[]; value?: unknown; drop?: boolean; progress?: string; raw?: string };
  const edit =
    (e: Edit) =>
    (metadata: Record<string, string>, run: Record<string, unknown>): string | undefined => {
      if (e.progress !== undefined) metadata.progress = e.progress;
      if (e.at) {
        let node = run as Record<string | number, unknown>;
        for (const k of e.at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        const last = e.at[e.at.length - 1];
        if (e.drop) (node as unknown as unknown[]).splice(Number(last), 1);
        else node[last] = e.value;
      }
      return e.raw;
    };

  test.each<[string, Edit, RegExp]>([
    [
      'a preset that is not one (own keys only)',
      { at: ['config', 'preset'], value: '__proto__' },
      /unknown preset '__proto__'/,
    ],
    [
      'an inherited name as preset',
      { at: ['config', 'preset'], value: 'toString' },
      /unknown preset 'toString'/,
    ],
    ['10,000,000 steps', { at: ['config', 'steps'], value: 10_000_000 }, /--steps must be at most 10000/],
    [
      'an unknown dataset',
      { at: ['config', 'dataset'], value: 'cifar10' },
      /--dataset: unknown value 'cifar10'/,
    ],
    ['an unknown encoder', { at: ['config', 'encoder'], value: 'morse' }, /--encoder: unknown value 'morse'/],
    ['steps given as text', { at: ['config', 'steps'], value: '4' }, /steps must be a number, got "4"/],
    [
      'a negative epoch counter',
      { progress: '{"epoch":-2,"step":1}' },
      /epoch counter is missing or invalid/,
    ],
    [
      'a history that disagrees with the counter',
      { at: ['epochs', 0], drop: true },
      /history has 0 epochs, the checkpoint's counter says 1/,
    ],
    ['run metadata that is not JSON', { raw: '{"config": {' }, /is not valid JSON/],
    ['a zero pixel std', { at: ['pixelStats', 'std'], value: 0 }, /pixelStats\.std must be a finite number/],
  ])('%s', async (_what, e, message) => {
    const r = await evalWith(tampered(good, edit(e)));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/TypeError|Aborted|RangeError/);
  });

  test('a missing file, a file that is not a checkpoint, and weights that are not finite', async () => {
    const missing = await runCli([
      'eval',
      '--checkpoint',
      join(dir, 'nope.safetensors'),
      '--backend',
      'reference',
    ]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('does not exist');
    const garbage = await evalWith('not a checkpoint at all');
    expect(garbage.code).toBe(4);
    const nan = new Uint8Array(good);
    // The first weight's float32 bytes sit right after the header: make them a NaN.
    const headerLength = Number(new DataView(nan.buffer).getBigUint64(0, true));
    nan.set([0, 0, 0xc0, 0x7f], 8 + headerLength);
    const r = await evalWith(nan);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/holds NaN at index 0: the weights are not finite/);
  });

  test('--resume with --epochs not above the epochs done says so, exits 2, and names no checkpoint', async () => {
    const r = await runCli([
      'train',
      '--model',
      'snntorch-fc',
      '--steps',
      '4',
      '--epochs',
      '1',
      '--backend',
      'reference',
      '--out-dir',
      join(dir, 'ckpt'),
      '--resume',
      path,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--resume ${path}: that run has done 1 epoch already; --epochs 1 leaves nothing to train (pass --epochs 2 or more)`,
    );
    expect(r.stdout).toBe('');
  });
});

test('--help and the README say the same about what `--backend auto` picks', async () => {
  const help = await runCli(['train', '--help']);
  expect(help.stdout.replace(/\s+/g, ' ')).toContain(AUTO_BACKEND);
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme.replace(/\s+/g, ' ')).toContain(AUTO_BACKEND);
});
