import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  manualSeed,
  parseSafetensors,
  type SafetensorsInput,
  saveCheckpoint,
  serializeSafetensors,
} from '@snn/modules';
import { type RawTrainFlags, resolveTrainConfig } from '../cli/train-config.js';
import { buildNetwork } from '../models/build-network.js';
import { withRun } from '../train/checkpoint-file.js';
import type { StoredRun } from '../train/checkpoint-format.js';
import { createOptimizer } from '../train/train-run.js';

/**
 * A checkpoint as `mnist-demo train` writes it after `epochsDone` epochs, made without data or
 * training (untrained weights, a plausible history), for tests of what reads checkpoints.
 */
export async function savedRun(dir: string, flags: RawTrainFlags, epochsDone = 1): Promise<string> {
  const config = resolveTrainConfig({ outDir: dir, ...flags });
  manualSeed(config.seed);
  const network = buildNetwork(config);
  const optimizer = createOptimizer(config, network);
  const bytes = await saveCheckpoint(
    { model: network.module, optimizer },
    { epoch: epochsDone, step: epochsDone },
  );
  const run: StoredRun = {
    config,
    backend: 'reference',
    epochs: Array.from({ length: epochsDone }, (_, i) => ({
      epoch: i + 1,
      trainLoss: 1,
      testLoss: 1,
      testAccuracy: 50,
      trainSamplesPerSecond: 10,
      seconds: 1,
    })),
    losses: [],
    seconds: epochsDone,
    pixelStats: { mean: 0.1307, std: 0.3081 },
  };
  const path = join(dir, 'checkpoint.safetensors');
  await mkdir(dir, { recursive: true });
  await writeFile(path, withRun(bytes, run));
  network.module.dispose();
  optimizer.dispose();
  return path;
}

/**
 * A copy of checkpoint `bytes` with its metadata changed by `change` (the app's run is the metadata
 * entry `mnist_demo`; a string `change` returns replaces that entry's text as it is).
 */
export function tampered(
  bytes: Uint8Array,
  change: (metadata: Record<string, string>, run: Record<string, unknown>) => string | undefined,
): Uint8Array {
  const { tensors, metadata } = parseSafetensors(bytes);
  const inputs = new Map<string, SafetensorsInput>();
  for (const [k, e] of tensors) inputs.set(k, { shape: e.shape, data: e.data });
  const meta = { ...metadata };
  const run = JSON.parse(meta.mnist_demo) as Record<string, unknown>;
  const raw = change(meta, run);
  meta.mnist_demo = typeof raw === 'string' ? raw : JSON.stringify(run);
  return serializeSafetensors(inputs, meta);
}
