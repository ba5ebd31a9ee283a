import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importScript, ROOT, runWith } from './test-utils/repo.js';

/*
 * What `npm test` promises a machine without a GPU adapter, Chromium or the MNIST files (README, "Two
 * commands"): one line per missing thing saying how to get it, the tests that need it skipped and
 * counted as skipped, every other test still run, and a closing summary; SNN_REQUIRE (set by .ci/run)
 * makes a missing one a failure instead.
 */

type GlobalSetup = (
  globalConfig: unknown,
  projectConfig: { rootDir: string; globals?: { snnRequires?: string[] } },
) => Promise<void>;
interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
type Summarize = (root: string, log: (line: string) => void) => Totals;

const requirements = () => importScript<{ default: GlobalSetup }>('jest-requirements.mjs');
const summary = () => importScript<{ summarize: Summarize }>('test-summary.mjs');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'snn-repo-checks-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The lines `fn` prints with console.log (kept from the test output), and its result. */
async function captureLog<T>(fn: () => Promise<T>): Promise<{ lines: string[]; result: T }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.join(' '));
  };
  try {
    return { lines, result: await fn() };
  } finally {
    console.log = log;
  }
}

/** Runs `fn` with these environment variables set (undefined: removed), then restores them. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return await fn();
  } finally {
    set(saved);
  }
}

// A machine without any of the three: no Vulkan driver for Dawn (the `webgpu` package is installed,
// so its real probe runs), no Chromium, no MNIST.
const NOTHING = {
  VK_ICD_FILENAMES: '/nonexistent.json',
  CHROMIUM_PATH: '/nonexistent/chromium',
  SNN_MNIST_DIR: undefined,
  SNN_REQUIRE: undefined,
  SNN_TEST_MISSING: undefined,
};
const webgpuPackage = { rootDir: join(ROOT, 'packages', 'backend-webgpu') };

describe('what the tests need from the machine (scripts/jest-requirements.mjs)', () => {
  test('each missing thing is ONE line saying what is missing and how to get it', async () => {
    const { default: setup } = await requirements();
    const { lines, result: missing } = await captureLog(() =>
      withEnv(NOTHING, async () => {
        await setup({}, { ...webgpuPackage, globals: { snnRequires: ['gpu', 'browser', 'mnist'] } });
        return process.env.SNN_TEST_MISSING;
      }),
    );
    expect(missing).toBe('gpu,browser,mnist');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain('\n');
    const [gpu, browser, mnist] = lines;
    // The real probe ran (the package is installed); Dawn answered, or could not load here at all.
    expect(gpu).toMatch(
      /^SKIPPED GPU tests: no WebGPU adapter: (Dawn found no WebGPU adapter|the WebGPU probe failed).*apt-get install .*mesa-vulkan-drivers/,
    );
    expect(browser).toMatch(
      /^SKIPPED browser tests: no Chromium at \/nonexistent\/chromium: .*apt-get install/,
    );
    expect(mnist).toMatch(/^SKIPPED tests that read MNIST: SNN_MNIST_DIR is not set: .*MNIST IDX files/);
    expect(gpu).toContain('SNN_REQUIRE=gpu makes this a failure');
  });

  test('SNN_REQUIRE makes each missing one a failure that names it, and prints no skip line', async () => {
    const { default: setup } = await requirements();
    const { lines } = await captureLog(async () => {
      for (const required of ['gpu,browser,mnist', 'all']) {
        const run = withEnv({ ...NOTHING, SNN_REQUIRE: required }, () =>
          setup({}, { ...webgpuPackage, globals: { snnRequires: ['gpu', 'browser', 'mnist'] } }),
        );
        await expect(run).rejects.toThrow(
          /gpu is required \(SNN_REQUIRE\) but no WebGPU adapter[\s\S]*browser is required \(SNN_REQUIRE\) but no Chromium[\s\S]*mnist is required \(SNN_REQUIRE\) but SNN_MNIST_DIR is not set/,
        );
      }
      const typo = withEnv({ ...NOTHING, SNN_REQUIRE: 'gpu,cuda' }, () =>
        setup({}, { ...webgpuPackage, globals: { snnRequires: ['mnist'] } }),
      );
      await expect(typo).rejects.toThrow(
        'SNN_REQUIRE: unknown cuda; known: gpu, browser, mnist, onnx, wasm-toolchain, all',
      );
    });
    expect(lines).toEqual([]);
  });

  test('an MNIST folder needs the four files, gzip or not; the line names the ones it lacks', async () => {
    const { default: setup } = await requirements();
    const dir = join(tmp, 'mnist');
    mkdirSync(dir, { recursive: true });
    for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte.gz']) {
      writeFileSync(join(dir, f), '');
    }
    const check = () =>
      captureLog(() =>
        withEnv({ ...NOTHING, SNN_MNIST_DIR: dir }, async () => {
          await setup({}, { rootDir: tmp, globals: { snnRequires: ['mnist'] } });
          return process.env.SNN_TEST_MISSING;
        }),
      );
    const lacking = await check();
    expect(lacking.result).toBe('mnist');
    expect(lacking.lines).toEqual([
      `SKIPPED tests that read MNIST: SNN_MNIST_DIR=${dir} lacks t10k-labels-idx1-ubyte: set SNN_MNIST_DIR ` +
        'to a folder with the four MNIST IDX files (`npm run demo` downloads them to ~/.cache/snn/mnist). ' +
        '(SNN_REQUIRE=mnist makes this a failure.)',
    ]);
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), '');
    expect(await check()).toEqual({ lines: [], result: '' });
  });
});

/**
 * A package of the same shape as ours, outside the repository (so that nothing here runs it): its
 * jest config uses the root preset and declares that some of its tests need Chromium and MNIST.
 */
function makePackage(root: string): string {
  const dir = join(root, 'packages', 'needs-things');
  mkdirSync(dir, { recursive: true });
  const preset = pathToFileURL(join(ROOT, 'jest.preset.mjs')).href;
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'needs-things', private: true, scripts: { test: 'jest' } }),
  );
  writeFileSync(
    join(dir, 'jest.config.mjs'),
    `import preset, { requires } from ${JSON.stringify(preset)};
export default { ...preset, ...requires('browser', 'mnist'), rootDir: ${JSON.stringify(dir)},
  testMatch: ['<rootDir>/*.test.mjs'], transform: {} };
`,
  );
  // As our test-utils do: a test that needs a missing thing is registered with test.skip.
  writeFileSync(
    join(dir, 'needs.test.mjs'),
    `const missing = (process.env.SNN_TEST_MISSING || '').split(',');
const needing = (what) => (missing.includes(what) ? test.skip : test);
needing('mnist')('reads MNIST', () => {});
needing('browser')('starts Chromium', () => {});
test('needs nothing', () => expect(1 + 1).toBe(2));
`,
  );
  return dir;
}

/** Every package's `test` script: `node ../../scripts/run-jest.mjs`. */
const runJest = join(ROOT, 'scripts', 'run-jest.mjs');

describe('a package run and the closing summary', () => {
  test('missing things skip their tests, which the package results and the summary count as skipped', async () => {
    const root = join(tmp, 'workspace');
    const dir = makePackage(root);
    const env = { CHROMIUM_PATH: '/nonexistent/chromium', SNN_TEST_KIND: 'test' };
    const r = runWith(process.execPath, [runJest, '--ci'], dir, env);
    expect(r.code).toBe(0);
    const output = `${r.stdout}\n${r.stderr}`;
    // Native ESM tests, as ours: jest needs --experimental-vm-modules, whose warning stays out.
    expect(output).toMatch(/Tests: +2 skipped, 1 passed, 3 total/);
    expect(output).not.toMatch(/ExperimentalWarning|experimental feature/);
    expect(output.split('\n').filter((line) => line.includes('SKIPPED'))).toEqual([
      expect.stringMatching(/^SKIPPED browser tests: no Chromium at \/nonexistent\/chromium: /),
      expect.stringMatching(/^SKIPPED tests that read MNIST: SNN_MNIST_DIR is not set: /),
    ]);
    expect(JSON.parse(readFileSync(join(dir, '.test-results', 'test.json'), 'utf8'))).toEqual({
      package: 'needs-things',
      kind: 'test',
      passed: 1,
      failed: 0,
      skipped: 2,
      failedSuites: 0,
      missing: ['browser', 'mnist'],
    });

    const { summarize } = await summary();
    const lines: string[] = [];
    expect(summarize(root, (line) => lines.push(line))).toEqual({ passed: 1, failed: 0, skipped: 2 });
    expect(lines).toEqual([
      '  needs-things (test): 1 passed, 0 failed, 2 skipped (browser, mnist missing)',
      expect.stringMatching(/^skipped: no Chromium \(apt-get install chromium or set CHROMIUM_PATH; /),
      expect.stringMatching(/^skipped: no MNIST files \(set SNN_MNIST_DIR; /),
      'tests: 1 passed, 0 failed, 2 skipped',
    ]);

    // CI: the same run fails, naming what is missing.
    const ci = runWith(process.execPath, [runJest, '--ci'], dir, {
      ...env,
      SNN_REQUIRE: 'browser,mnist',
    });
    expect(ci.code).not.toBe(0);
    expect(ci.stderr).toContain('browser is required (SNN_REQUIRE) but no Chromium at /nonexistent/chromium');
  });

  test('a package that reported nothing, or a suite that failed to load, counts as a failure', async () => {
    const root = join(tmp, 'broken');
    for (const name of ['silent', 'crashed']) {
      mkdirSync(join(root, 'apps', name), { recursive: true });
      writeFileSync(
        join(root, 'apps', name, 'package.json'),
        JSON.stringify({ name, scripts: { test: 'x' } }),
      );
    }
    mkdirSync(join(root, 'apps', 'crashed', '.test-results'));
    writeFileSync(
      join(root, 'apps', 'crashed', '.test-results', 'test.json'),
      JSON.stringify({ package: 'crashed', kind: 'test', passed: 3, failed: 0, skipped: 0, failedSuites: 1 }),
    );
    const { summarize } = await summary();
    const lines: string[] = [];
    expect(summarize(root, (line) => lines.push(line))).toEqual({ passed: 3, failed: 2, skipped: 0 });
    expect(lines).toEqual([
      '  crashed (test): 3 passed, 1 failed, 0 skipped',
      '  silent (test): no results (the run failed before its tests, see above)',
      'tests: 3 passed, 2 failed, 0 skipped',
    ]);
  });

  test("npm test runs every task of every package and lets none stop the others' tests", async () => {
    const { TURBO_ARGS } = await importScript<{ TURBO_ARGS: string[] }>('test-all.mjs');
    expect(TURBO_ARGS.slice(0, 2)).toEqual(['turbo', 'run']);
    expect(TURBO_ARGS).toEqual(expect.arrayContaining(['build', 'typecheck', 'lint', 'test', 'test:gpu']));
    expect(TURBO_ARGS).toContain('--continue');
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(root.scripts.test).toBe('npm run setup && node scripts/test-all.mjs');
  });
});
