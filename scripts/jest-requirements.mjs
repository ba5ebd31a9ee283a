// Jest global setup: finds out, once per package run, whether what some tests need is on this machine
// (a WebGPU adapter, headless Chromium, the MNIST files, Python's onnx package for ONNX's checker, the
// clang 14 + lld that rebuild backend-wasm's kernels). A
// missing one prints ONE line saying what is missing and how to get it, and the tests that need it are skipped (and counted as skipped): test
// files read the missing names from $SNN_TEST_MISSING (see each package's test-utils/requirements.ts).
// $SNN_REQUIRE (comma-separated: gpu,browser,mnist,onnx,wasm-toolchain; .ci/run sets them all) turns a missing one into
// a failure instead, so CI still proves the GPU, browser, data and ONNX-checker tests.
//
// A package declares what its tests may need in its jest config: `{ ...preset, ...requires('gpu') }`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const REQUIREMENTS = ['gpu', 'browser', 'mnist', 'onnx', 'wasm-toolchain'];

const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** The Chromium the browser tests launch ($CHROMIUM_PATH, else Debian's). */
export const chromiumPath = (env = process.env) => env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Asks Dawn (the `webgpu` package) for an adapter in a child process: Dawn aborts a process whose GPU
 * object is collected, and a probe must never take jest down with it. Returns why there is none, or
 * undefined when there is one.
 */
function probeGpu(rootDir) {
  let entry;
  try {
    entry = createRequire(join(rootDir, 'package.json')).resolve('webgpu');
  } catch {
    return 'the `webgpu` package is not installed (run `npm run setup`)';
  }
  const script = `
    const { create } = await import(${JSON.stringify(entry)});
    const gpu = create([]);
    const adapter = await gpu.requestAdapter();
    process.stdout.write(adapter ? 'adapter' : 'none');
    process.exit(0);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (r.stdout === 'adapter') return undefined;
  if (r.stdout === 'none') return 'Dawn found no WebGPU adapter (no usable Vulkan driver)';
  const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').pop();
  return `the WebGPU probe failed (${why || `exit ${r.status}`})`;
}

/**
 * A Python with the `onnx` package ($SNN_ONNX_PYTHON, else /usr/bin/python3, else python3 on PATH);
 * found, it is put in $SNN_ONNX_PYTHON for the tests that run ONNX's checker.
 */
function findOnnxPython(env = process.env) {
  const candidates = [env.SNN_ONNX_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean);
  return candidates.find(
    (py) => spawnSync(py, ['-c', 'import onnx'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
}

const checks = {
  gpu: (rootDir) => {
    const why = probeGpu(rootDir);
    return (
      why &&
      `no WebGPU adapter: ${why}. Install one (Debian 12: apt-get install -t bookworm-backports ` +
        'mesa-vulkan-drivers libvulkan1, i.e. Mesa 25 lavapipe; see the README) or run on a machine with a GPU'
    );
  },
  browser: () => {
    const path = chromiumPath();
    try {
      accessSync(path, constants.X_OK);
      return undefined;
    } catch {
      return `no Chromium at ${path}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH`;
    }
  },
  mnist: () => {
    const dir = process.env.SNN_MNIST_DIR;
    const hint =
      'set SNN_MNIST_DIR to a folder with the four MNIST IDX files (`npm run demo` downloads them to ~/.cache/snn/mnist)';
    if (!dir) return `SNN_MNIST_DIR is not set: ${hint}`;
    const absent = MNIST_FILES.filter((f) => !existsSync(join(dir, `${f}.gz`)) && !existsSync(join(dir, f)));
    return absent.length ? `SNN_MNIST_DIR=${dir} lacks ${absent.join(', ')}: ${hint}` : undefined;
  },
  onnx: () => {
    const python = findOnnxPython();
    if (python) {
      process.env.SNN_ONNX_PYTHON = python;
      return undefined;
    }
    return 'no Python with the onnx package: install it (Debian: apt-get install -y python3-onnx) or set SNN_ONNX_PYTHON';
  },
  // backend-wasm's committed wasm/*.wasm are checked byte for byte against a rebuild: the build is
  // deterministic for one compiler, Debian 12's clang 14 with lld's wasm-ld.
  'wasm-toolchain': () => {
    const clang = spawnSync('clang', ['--version'], { encoding: 'utf8' });
    const lld = spawnSync('wasm-ld', ['--version'], { encoding: 'utf8' });
    if (clang.status === 0 && lld.status === 0 && /Debian clang version 14\./.test(clang.stdout ?? '')) {
      return undefined;
    }
    const found = clang.status === 0 ? (clang.stdout ?? '').split('\n')[0] : 'no clang';
    return `no Debian clang 14 with lld (found: ${found}${lld.status === 0 ? '' : ', no wasm-ld'}): install them (Debian 12: apt-get install -y clang lld)`;
  },
};

const WHAT = {
  gpu: 'GPU tests',
  browser: 'browser tests',
  mnist: 'tests that read MNIST',
  onnx: "tests that run ONNX's checker",
  'wasm-toolchain': "backend-wasm's rebuild check of its committed .wasm",
};

/** The names in $SNN_REQUIRE ('all' means every requirement); unknown names are an error. */
export function requiredNames(env = process.env) {
  const names = (env.SNN_REQUIRE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const expanded = names.includes('all') ? REQUIREMENTS : names;
  const unknown = expanded.filter((n) => !REQUIREMENTS.includes(n));
  if (unknown.length) {
    throw new Error(`SNN_REQUIRE: unknown ${unknown.join(', ')}; known: ${REQUIREMENTS.join(', ')}, all`);
  }
  return expanded;
}

export default async function globalSetup(_globalConfig, projectConfig) {
  const needs = projectConfig.globals?.snnRequires ?? [];
  const required = requiredNames();
  const missing = [];
  const failures = [];
  for (const name of needs) {
    const why = checks[name](projectConfig.rootDir);
    if (why === undefined) continue;
    if (required.includes(name)) failures.push(`${name} is required (SNN_REQUIRE) but ${why}`);
    else {
      missing.push(name);
      console.log(`SKIPPED ${WHAT[name]}: ${why}. (SNN_REQUIRE=${name} makes this a failure.)`);
    }
  }
  // Test files (in workers forked after this) and the summary reporter read it.
  process.env.SNN_TEST_MISSING = missing.join(',');
  if (failures.length) throw new Error(failures.join('\n'));
}
