import { loadCheckpoint, manualSeed } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';
import { CheckpointError } from '../errors.js';
import { buildNetwork } from '../models/build-network.js';
import type { PresetNetwork } from '../models/network.js';
import { readStoredRun, type StoredRun } from './checkpoint-file.js';

/** Rebuild a trained network from an mnist-demo checkpoint (weights only: no optimizer). */
export async function restoreNetwork(
  path: string,
): Promise<{ network: PresetNetwork<unknown>; run: StoredRun }> {
  const { bytes, run } = await readStoredRun(path);
  const config: TrainConfig = run.config;
  manualSeed(config.seed);
  const network = buildNetwork(config);
  try {
    loadCheckpoint(bytes, { model: network.module });
  } catch (error) {
    throw new CheckpointError(`cannot load the weights in ${path}: ${(error as Error).message}`);
  }
  network.module.eval();
  return { network, run };
}
