import type { PresetNetwork } from '../models/network.js';
import { readStoredRun, type StoredRun } from './checkpoint-file.js';
import { networkFromRun } from './network-from-run.js';

/** Rebuild a trained network from an mnist-demo checkpoint (weights only: no optimizer). */
export async function restoreNetwork(
  path: string,
): Promise<{ network: PresetNetwork<unknown>; run: StoredRun }> {
  const { bytes, run } = await readStoredRun(path);
  return { network: networkFromRun(bytes, run, path), run };
}
