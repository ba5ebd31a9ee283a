import { dispose, noGrad, tidy } from '@snn/core';
import { DataLoader } from '@snn/data-mnist';
import type { PredictConfig } from '../cli/eval-config.js';
import { UsageError } from '../errors.js';
import { batchSeed } from '../models/input-encoding.js';
import { PRESETS } from '../presets.js';
import { encodeBatch, STREAM } from '../train/batches.js';
import { checkpointAndTestSet } from './checkpoint-and-test-set.js';

export interface Prediction {
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
  /** The network's class scores (log-probabilities, firing rates or spike counts, by preset). */
  readonly scores: number[];
  /** The image, 0..255, row-major. */
  readonly pixels: number[];
}

export interface PredictSummary {
  readonly model: string;
  readonly backend: string;
  readonly dataset: string;
  readonly predictions: Prediction[];
  readonly correct: number;
}

/** `mnist-demo predict`: chosen test images through a checkpoint's network. */
export async function predictRun(
  config: PredictConfig,
  log: (line: string) => void,
): Promise<PredictSummary> {
  const { backend, network, run, dataset, test } = await checkpointAndTestSet(config, log);
  const bad = config.indices.find((i) => i >= test.length);
  if (bad !== undefined)
    throw new UsageError(`--index ${bad} is outside the test set (0..${test.length - 1})`);
  const subset = test.select(config.indices);
  const loader = new DataLoader(subset, {
    batchSize: subset.length,
    normalize: PRESETS[run.config.preset].normalization,
    stats: run.pixelStats,
  });
  const batch = [...loader][0];
  const settings = { ...run.config, batchSize: subset.length, seed: config.seed };
  const encoded = encodeBatch(
    batch,
    settings,
    network.inputLayout,
    batchSeed(config.seed, STREAM.eval, 0, 0),
  );
  const scores = tidy(() => noGrad(() => network.scores(network.forward(encoded.x))));
  const values = Array.from((await scores.data()) as Float32Array);
  dispose([scores, encoded.x, encoded.y]);
  const classes = values.length / subset.length;
  const predictions = config.indices.map((index, k) => {
    const row = values.slice(k * classes, (k + 1) * classes);
    return {
      index,
      label: subset.labels[k],
      predicted: row.indexOf(Math.max(...row)),
      scores: row.map((v) => Number(v.toFixed(4))),
      pixels: Array.from(subset.image(k)),
    };
  });
  return {
    model: run.config.preset,
    backend,
    dataset,
    predictions,
    correct: predictions.filter((p) => p.predicted === p.label).length,
  };
}
