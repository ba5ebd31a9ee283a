import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import { CheckpointError } from '../errors.js';
import type { RunState } from './run-record.js';
import { parseStoredRun } from './stored-run.js';

/*
 * The app's checkpoint is @snn/modules' `.safetensors` checkpoint (weights, optimizer, counters, RNG)
 * with the run's configuration and history added to its metadata under `mnist_demo`, so
 * `eval`/`predict` can rebuild the network from the file alone and a resumed run keeps its curves.
 * Platform-free: the CLI reads and writes files around it, the web app downloads and uploads bytes.
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

/** The run stored in checkpoint bytes, checked to be one of ours; `label` names the file in errors. */
export function storedRunOf(bytes: Uint8Array, label: string): StoredRun {
  let metadata: Record<string, string>;
  try {
    metadata = parseSafetensors(bytes).metadata;
  } catch (error) {
    throw new CheckpointError(`${label} is not a checkpoint: ${(error as Error).message}`);
  }
  const text = metadata[KEY];
  if (text === undefined) {
    throw new CheckpointError(`${label} was not written by mnist-demo (no '${KEY}' metadata)`);
  }
  // A file is input: its run is checked like flags before anything is built from it (stored-run.ts).
  return parseStoredRun(label, text, epochsDone(label, metadata));
}

/** The checkpoint's own count of epochs done (@snn/modules' `progress` metadata). */
function epochsDone(label: string, metadata: Record<string, string>): number {
  let epoch: unknown;
  try {
    epoch = (JSON.parse(metadata.progress ?? 'null') as { epoch?: unknown } | null)?.epoch;
  } catch {
    epoch = undefined;
  }
  if (!Number.isSafeInteger(epoch) || (epoch as number) < 0) {
    throw new CheckpointError(`${label}: the checkpoint's epoch counter is missing or invalid`);
  }
  return epoch as number;
}
