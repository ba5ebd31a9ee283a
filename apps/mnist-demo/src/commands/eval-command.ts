import { OutOfMemoryError } from '@snn/core';
import type { EvalConfig } from '../cli/eval-config.js';
import { MemoryExhaustedError } from '../errors.js';
import { evaluateRun } from '../train/evaluate-run.js';
import { checkpointAndTestSet } from './checkpoint-and-test-set.js';

export interface EvalSummary {
  readonly model: string;
  readonly encoder: string;
  readonly backend: string;
  readonly dataset: string;
  readonly epochs: number;
  readonly test_accuracy: number;
  readonly test_loss: number;
  readonly test_samples: number;
  readonly infer_samples_per_s: number;
  readonly seconds: number;
  readonly checkpoint: string;
}

/** `mnist-demo eval`: the test split through a checkpoint's network, as after training. */
export async function evalRun(config: EvalConfig, log: (line: string) => void): Promise<EvalSummary> {
  const t0 = performance.now();
  const { backend, network, run, dataset, test } = await checkpointAndTestSet(config, log);
  log(
    `evaluating ${run.config.preset} (${run.epochs.length} epoch${run.epochs.length === 1 ? '' : 's'} trained) on ${test.length} ${dataset} test images, backend ${backend}`,
  );
  const t1 = performance.now();
  let metrics: Record<string, number>;
  try {
    metrics = await evaluateRun(network, run, test, { batchSize: config.batchSize, seed: config.seed });
  } catch (error) {
    if (!(error instanceof OutOfMemoryError)) throw error;
    throw new MemoryExhaustedError(`${error.message}. Try a smaller --batch-size`);
  }
  const t2 = performance.now();
  return {
    model: run.config.preset,
    encoder: run.config.encoder,
    backend,
    dataset,
    epochs: run.epochs.length,
    test_accuracy: Number((metrics.accuracy * 100).toFixed(2)),
    test_loss: Number(metrics.loss.toFixed(5)),
    test_samples: test.length,
    infer_samples_per_s: Number(((test.length * 1000) / (t2 - t1)).toFixed(1)),
    seconds: Number(((t2 - t0) / 1000).toFixed(1)),
    checkpoint: config.checkpoint,
  };
}
