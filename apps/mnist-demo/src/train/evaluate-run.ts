import type { ImageDataset } from '@snn/data-mnist';
import { evaluate } from '@snn/modules';
import type { PresetNetwork } from '../models/network.js';
import { encodedBatches, makeLoader, STREAM } from './batches.js';
import type { StoredRun } from './checkpoint-format.js';
import { lossAndAccuracy } from './metrics.js';
import { microBatchSize } from './micro-batches.js';

export interface EvaluateOptions {
  /**
   * Default: the batches training evaluated in (`microBatchSize`: the training batch size unless the
   * preset's activations would not fit, as norse-conv's at 256): the same numbers, the same memory.
   */
  readonly batchSize?: number;
  /** Seed of the stochastic encoders' evaluation stream (`mnist-demo eval --seed`, default 0). */
  readonly seed: number;
}

/**
 * Mean loss and accuracy (a fraction) of a run's network over `test`, encoded as the run was and
 * normalised with the run's pixel statistics: what `mnist-demo eval` reports, wherever it runs.
 */
export function evaluateRun(
  network: PresetNetwork<unknown>,
  run: StoredRun,
  test: ImageDataset,
  options: EvaluateOptions,
): Promise<Record<string, number>> {
  const settings = {
    ...run.config,
    batchSize: options.batchSize ?? microBatchSize(run.config),
    seed: options.seed,
  };
  const batches = encodedBatches(
    makeLoader(test, settings, false, run.pixelStats),
    settings,
    network.inputLayout,
    0,
    STREAM.eval,
  );
  return evaluate(network.module, batches, (_m, x) => network.forward(x), lossAndAccuracy(network));
}
