import { loadCheckpoint, manualSeed } from '@snn/modules';
import { CheckpointError } from '../errors.js';
import { buildNetwork } from '../models/build-network.js';
import type { PresetNetwork } from '../models/network.js';
import type { StoredRun } from './checkpoint-format.js';

/**
 * The trained network in checkpoint bytes (weights only: no optimizer), in eval mode. `label` names
 * the checkpoint in errors (a path in the CLI, a file name in the browser).
 */
export function networkFromRun(bytes: Uint8Array, run: StoredRun, label: string): PresetNetwork<unknown> {
  manualSeed(run.config.seed);
  const network = buildNetwork(run.config);
  try {
    loadCheckpoint(bytes, { model: network.module });
  } catch (error) {
    throw new CheckpointError(`cannot load the weights in ${label}: ${(error as Error).message}`);
  }
  network.module.eval();
  return network;
}
