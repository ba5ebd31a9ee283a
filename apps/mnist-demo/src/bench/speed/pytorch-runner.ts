import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHASES, requestFlags } from './figure.js';
import { runChild } from './run-child.js';
import type { Runner, Target } from './runner.js';

/** Debian's python3 first (python3-torch installs there), then whatever `python3` is on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

/** bench/pytorch of the repository, found upward from this file (src/ and dist/ alike). */
export function pytorchBenchDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'bench', 'pytorch');
    if (existsSync(join(candidate, 'measure.py'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The presets' networks in plain PyTorch (bench/pytorch), CPU, `--torch-threads` threads: the
 * baseline every other figure is divided by.
 */
export const pytorchRunner: Runner = {
  name: 'pytorch',
  baseline: true,
  async probe(context) {
    const dir = pytorchBenchDir();
    if (dir === undefined)
      return { targets: [], skipped: ['pytorch: bench/pytorch/measure.py not found above this file'] };
    const candidates = context.python ? [context.python] : PYTHONS;
    const failures: string[] = [];
    for (const python of candidates) {
      const probe = await runChild(
        {
          command: python,
          args: [join(dir, 'measure.py'), '--probe', '--threads', String(context.torchThreads)],
        },
        120,
      );
      if (probe.ok) {
        const value = probe.value as { torch: string; threads: number };
        const target: Target = {
          runner: 'pytorch',
          backend: 'pytorch',
          threads: value.threads,
          phases: PHASES,
          settings: { python, script: join(dir, 'measure.py'), threads: String(value.threads) },
        };
        return {
          targets: [target],
          skipped: [],
          about: `PyTorch ${value.torch} (${python}), ${value.threads} threads`,
        };
      }
      failures.push(`${python}: ${probe.error}`);
    }
    return {
      targets: [],
      skipped: [
        `pytorch: no Python with torch (${failures.join('; ')}); on Debian: apt-get install python3-torch python3-numpy libopenblas0-openmp, or pass --python`,
      ],
    };
  },
  command(target, request) {
    const s = target.settings!;
    return { command: s.python, args: [s.script, '--threads', s.threads, ...requestFlags(request)] };
  },
};
