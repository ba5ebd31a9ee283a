import { readFile } from 'node:fs/promises';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import { CheckpointError } from '../errors.js';
import type { RunState } from './run-record.js';

/*
 * The app's checkpoint is @snn/modules' `.safetensors` checkpoint (weights, optimizer, counters, RNG)
 * with the run's configuration and history added to its metadata under `mnist_demo`, so
 * `eval`/`predict` can rebuild the network from the file alone and a resumed run keeps its curves.
 */

const KEY = 'mnist_demo';

export interface StoredRun {
  readonly config: TrainConfig;
  readonly backend: string;
  readonly epochs: RunState['epochs'];
  readonly losses: RunState['losses'];
  readonly seconds: number;
  /** Pixel mean/std of the training split, for 'standard' normalisation at eval time. */
  readonly pixelStats: { readonly mean: number; readonly std: number };
}

/** The checkpoint bytes from @snn/modules with the run's state added to the metadata. */
export function withRun(bytes: Uint8Array, run: StoredRun): Uint8Array {
  const { tensors, metadata } = parseSafetensors(bytes);
  const inputs = new Map<string, SafetensorsInput>();
  for (const [k, e] of tensors) {
    inputs.set(k, { shape: e.shape, data: e.data, dtype: e.dtype === 'BOOL' ? 'BOOL' : undefined });
  }
  return serializeSafetensors(inputs, { ...metadata, [KEY]: JSON.stringify(run) });
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CheckpointError(`checkpoint ${path} does not exist`);
    throw new CheckpointError(`cannot read checkpoint ${path}: ${(error as Error).message}`);
  }
}

/** The run stored in a checkpoint file, checked to be one of ours. */
export async function readStoredRun(path: string): Promise<{ bytes: Uint8Array; run: StoredRun }> {
  const bytes = await readBytes(path);
  let metadata: Record<string, string>;
  try {
    metadata = parseSafetensors(bytes).metadata;
  } catch (error) {
    throw new CheckpointError(`${path} is not a checkpoint: ${(error as Error).message}`);
  }
  const text = metadata[KEY];
  if (text === undefined) {
    throw new CheckpointError(`${path} was not written by mnist-demo (no '${KEY}' metadata)`);
  }
  return { bytes, run: JSON.parse(text) as StoredRun };
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
