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
 * The presets' networks in plain PyTorch (bench/pytorch) on the CPU: the baseline every other figure
 * is divided by. One target per `--torch-threads` count (default 1 and the number of cores); the table
 * divides by the best of them. On a shared machine PyTorch's OpenMP threads wait for each other at
 * every op once the cores are oversubscribed (measured here at load 14 on 2 cores: 2 threads 21
 * samples/s, 1 thread 420-585 on norse-recurrent), so its best thread count changes with the load.
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
          args: [join(dir, 'measure.py'), '--probe'],
        },
        120,
      );
      if (probe.ok) {
        const value = probe.value as { torch: string };
        const targets = context.torchThreads.map(
          (threads): Target => ({
            runner: 'pytorch',
            backend: 'pytorch',
            threads,
            phases: PHASES,
            settings: { python, script: join(dir, 'measure.py'), threads: String(threads) },
          }),
        );
        const counts = context.torchThreads.join(' and ');
        return {
          targets,
          skipped: [],
          about: `PyTorch ${value.torch} (${python}) at ${counts} thread${counts === '1' ? '' : 's'}, the faster of them each time`,
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
