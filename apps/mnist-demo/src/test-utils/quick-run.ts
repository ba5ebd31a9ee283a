import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgress } from '../cli/progress.js';
import { type RawTrainFlags, resolveTrainConfig } from '../cli/train-config.js';
import type { RunSummary } from '../train/run-record.js';
import { trainRun } from '../train/train-run.js';
import { mnistDir } from './mnist-dir.js';

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mnist-demo-${prefix}-`));
}

/** A short training run on the MNIST files of $SNN_MNIST_DIR, silent, never downloading. */
export async function quickRun(flags: RawTrainFlags): Promise<RunSummary> {
  const config = resolveTrainConfig({ dataDir: mnistDir(), download: false, ...flags });
  return trainRun(config, { progress: createProgress({ silent: true }), log: () => {} });
}
