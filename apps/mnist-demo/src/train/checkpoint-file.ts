import { readFile } from 'node:fs/promises';
import type { TrainConfig } from '../cli/train-config.js';
import { CheckpointError } from '../errors.js';
import { type StoredRun, storedRunOf } from './checkpoint-format.js';

// The file side of the checkpoint; its format (and `withRun`) lives in checkpoint-format.ts.
export { type StoredRun, withRun } from './checkpoint-format.js';

/** A file's bytes; a missing or unreadable file is a CheckpointError naming it (`what`: "checkpoint", "NIR file"). */
export async function readBytes(path: string, what = 'checkpoint'): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CheckpointError(`${what} ${path} does not exist`);
    throw new CheckpointError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** The run stored in a checkpoint file, checked to be one of ours. */
export async function readStoredRun(path: string): Promise<{ bytes: Uint8Array; run: StoredRun }> {
  const bytes = await readBytes(path);
  return { bytes, run: storedRunOf(bytes, path) };
}

/** Settings that must match for `--resume` to continue the same run (epochs may grow). */
const MUST_MATCH = [
  'preset',
  'encoder',
  'steps',
  'batchSize',
  'lr',
  'optimizer',
  'momentum',
  'tau',
  'dataset',
  'seed',
  'limitTrain',
] as const;

export function checkResumable(path: string, stored: TrainConfig, wanted: TrainConfig): void {
  const diffs = MUST_MATCH.filter((k) => stored[k] !== wanted[k]).map(
    (k) => `${k}: checkpoint ${String(stored[k])}, now ${String(wanted[k])}`,
  );
  if (diffs.length > 0) {
    throw new CheckpointError(
      `cannot resume from ${path}: the run was made with other settings (${diffs.join('; ')}). ` +
        'Resume with the same flags, or start a new run without --resume.',
    );
  }
}
