import { concat, dispose, noGrad, reshape, type Tensor, tidy } from '@snn/core';
import { accuracy } from '../decoders/decoders.js';
import { TrainingError } from '../errors.js';
import { nllLoss } from '../losses/classification.js';
import type { Targets } from '../losses/targets.js';
import type { Module } from '../module/module.js';
import { clipGradNorm, computeGradients } from '../optim/gradients.js';
import type { LRScheduler } from '../optim/lr-scheduler.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { RandomStateful } from '../random/random-stateful.js';
import { resetNet } from '../time/unroll.js';
import { accumulateGradients } from './accumulate.js';
import { type CheckpointStore, loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { nonFiniteProbe } from './finite-check.js';

/** One batch: model input and targets. fit disposes both tensors after the step unless `keepBatches`. */
export interface Batch {
  readonly x: Tensor;
  readonly y: Tensor;
  /** Samples in the batch (default y.shape[0]). */
  readonly size?: number;
}

export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>;

export interface BatchProgress {
  readonly epoch: number;
  /** Batch index within the epoch. */
  readonly batch: number;
  /** Optimizer steps since the start of training. */
  readonly step: number;
  readonly loss: number;
  readonly samplesPerSecond: number;
  readonly lr: number;
}

export interface EpochResult {
  readonly epoch: number;
  readonly step: number;
  readonly trainLoss: number;
  readonly samplesPerSecond: number;
  readonly seconds: number;
  readonly lr: number;
  /** Mean of each evaluation metric over the evaluation samples (e.g. loss, accuracy). */
  readonly eval?: Record<string, number>;
}

export type MetricsRecord = ({ type: 'batch' } & BatchProgress) | ({ type: 'epoch' } & EpochResult);

export interface FitOptions<Out = Tensor> {
  model: Module;
  optimizer: Optimizer;
  epochs: number;
  /** Training batches for epoch `epoch` (0-based); make the order a function of the epoch for reproducible runs. */
  trainBatches: (epoch: number) => BatchSource;
  /** Evaluation batches, run after every epoch in eval mode without gradients. */
  evalBatches?: (epoch: number) => BatchSource;
  /** How the model is called (default `model.forward(x)`). */
  forward?: (model: Module, x: Tensor) => Out;
  /** Scalar loss of a batch (default `nllLoss(output, y)`, for models that end in log-probabilities). */
  loss?: (output: Out, batch: Batch) => Tensor;
  /** Evaluation metrics per batch, each a scalar mean over the batch (default loss and accuracy). */
  metrics?: (output: Out, batch: Batch) => Record<string, Tensor>;
  scheduler?: LRScheduler;
  /** Clip gradients to this global 2-norm before each step. */
  clipGradNorm?: number;
  /**
   * Split a training batch into parts whose gradients are accumulated (weighted by their sizes) into
   * one optimizer step: for a mean loss the same step as the whole batch, with the memory of the
   * largest part (backpropagation through time keeps every step's activations of what it runs).
   * fit disposes the parts' tensors unless `keepBatches`.
   */
  splitBatch?: (batch: Batch) => readonly Batch[];
  onBatch?: (p: BatchProgress) => void | Promise<void>;
  onEpoch?: (r: EpochResult) => void | Promise<void>;
  /** Receives one record per batch and per epoch: write them as JSON lines (see `jsonLinesFile`). */
  log?: (record: MetricsRecord) => void | Promise<void>;
  /** Report every n-th batch to onBatch/log (default 1). */
  logEvery?: number;
  /** Written after every epoch (atomically, by the store). */
  checkpoint?: CheckpointStore;
  /** Continue from the store's last checkpoint if there is one. */
  resume?: boolean;
  /** Random generators outside the model whose state checkpoints must carry (by name). */
  random?: Readonly<Record<string, RandomStateful>>;
  /** Leave batch tensors to the caller instead of disposing them after use. */
  keepBatches?: boolean;
  /**
   * Call `resetNet(model)` before every batch (default true), as SpikingJelly's training loops call
   * `reset_net` after each: stateful modules (LIFNode) start each batch from rest.
   */
  resetBetweenBatches?: boolean;
}

export interface FitResult {
  readonly history: EpochResult[];
  /** Epoch training started at (non-zero after a resume). */
  readonly startEpoch: number;
}

async function* iterate(src: BatchSource): AsyncGenerator<Batch> {
  yield* src as AsyncIterable<Batch>;
}

const now = (): number => performance.now();

/**
 * Trains any model: for each epoch, forward + loss + gradients + (clip) + optimizer step per batch,
 * then evaluation, scheduler step and a checkpoint. A NaN or infinite loss or gradient stops training
 * before the update, and parameters made non-finite by an update (a learning rate far too large) stop
 * it before the next batch or the epoch's checkpoint, each with a TrainingError naming epoch, batch
 * and step; checkpoints on disk stay as they were. The check is one device-side scalar per batch,
 * read with the loss.
 */
export async function fit<Out = Tensor>(opts: FitOptions<Out>): Promise<FitResult> {
  const { model, optimizer, scheduler, epochs } = opts;
  const forward =
    opts.forward ?? ((m: Module, x: Tensor) => (m as unknown as { forward(x: Tensor): Out }).forward(x));
  const lossFn = opts.loss ?? ((out: Out, b: Batch) => nllLoss(out as unknown as Tensor, b.y as Targets));
  const metricsFn =
    opts.metrics ??
    ((out: Out, b: Batch) => ({ loss: lossFn(out, b), accuracy: accuracy(out as unknown as Tensor, b.y) }));
  const logEvery = Math.max(1, opts.logEvery ?? 1);
  const params = optimizer.params;
  const resetBetween = opts.resetBetweenBatches ?? true;

  let startEpoch = 0;
  let step = 0;
  if (opts.resume && opts.checkpoint) {
    const bytes = await opts.checkpoint.load();
    if (bytes) {
      const restored = loadCheckpoint(bytes, { model, optimizer, scheduler, random: opts.random });
      startEpoch = restored.epoch;
      step = restored.step;
    }
  }

  const history: EpochResult[] = [];
  for (let epoch = startEpoch; epoch < epochs; epoch++) {
    model.train();
    const t0 = now();
    let lossSum = 0;
    let samples = 0;
    let batchIndex = 0;
    let windowStart = now();
    let windowSamples = 0;
    for await (const batch of iterate(opts.trainBatches(epoch))) {
      const size = batch.size ?? batch.y.shape[0];
      if (resetBetween) resetNet(model);
      const parts = opts.splitBatch?.(batch) ?? [batch];
      const lossT =
        parts.length === 1
          ? tidy(() => computeGradients(() => lossFn(forward(model, parts[0].x), parts[0]), params))
          : accumulateGradients(
              parts,
              (part) => (part.size ?? part.y.shape[0]) / size,
              (part) => lossFn(forward(model, part.x), part),
              params,
              resetBetween ? () => resetNet(model) : undefined,
            );
      if (!opts.keepBatches) {
        dispose(parts.flatMap((part) => [part.x, part.y]).filter((t) => t !== batch.x && t !== batch.y));
      }
      // [loss..., gradients' probe, parameters' probe]: one read-back per batch, as for the loss alone.
      const checked = tidy(() =>
        concat([
          reshape(lossT, [lossT.size]),
          reshape(nonFiniteProbe(params.flatMap((p) => (p.grad ? [p.grad] : []))), [1]),
          reshape(nonFiniteProbe(params.map((p) => p.value)), [1]),
        ]),
      );
      lossT.dispose();
      const values = await checked.data();
      checked.dispose();
      const lossValue = values[0];
      const where = `epoch ${epoch}, batch ${batchIndex} (optimizer step ${step + 1})`;
      const problem = !Number.isFinite(values[values.length - 1])
        ? `the parameters are not finite before ${where}: ${
            step > 0 ? `optimizer step ${step} (lr ${optimizer.lr}) made them so` : 'they started that way'
          }`
        : !Number.isFinite(lossValue)
          ? `loss is ${lossValue} at ${where}`
          : !Number.isFinite(values[values.length - 2])
            ? `a gradient is not finite (NaN or Infinity) at ${where}`
            : undefined;
      if (problem !== undefined) {
        optimizer.zeroGrad();
        if (!opts.keepBatches) dispose([batch.x, batch.y]);
        throw new TrainingError(
          `${problem}; training stopped before updating the parameters, the last checkpoint is untouched`,
        );
      }
      if (opts.clipGradNorm !== undefined) clipGradNorm(params, opts.clipGradNorm).dispose();
      optimizer.step();
      optimizer.zeroGrad();
      if (!opts.keepBatches) dispose([batch.x, batch.y]);
      step += 1;
      lossSum += lossValue * size;
      samples += size;
      windowSamples += size;
      if (batchIndex % logEvery === 0) {
        const t = now();
        const progress: BatchProgress = {
          epoch,
          batch: batchIndex,
          step,
          loss: lossValue,
          samplesPerSecond: (windowSamples * 1000) / Math.max(t - windowStart, 1e-9),
          lr: optimizer.lr,
        };
        windowStart = t;
        windowSamples = 0;
        await opts.onBatch?.(progress);
        await opts.log?.({ type: 'batch', ...progress });
      }
      batchIndex += 1;
    }
    const seconds = (now() - t0) / 1000;
    const lr = optimizer.lr;
    let evalResult: Record<string, number> | undefined;
    if (opts.evalBatches) {
      evalResult = await evaluate(
        model,
        opts.evalBatches(epoch),
        forward,
        metricsFn,
        !opts.keepBatches,
        resetBetween,
      );
    }
    scheduler?.step();
    const result: EpochResult = {
      epoch,
      step,
      trainLoss: samples ? lossSum / samples : Number.NaN,
      samplesPerSecond: samples / Math.max(seconds, 1e-9),
      seconds,
      lr,
      ...(evalResult ? { eval: evalResult } : {}),
    };
    if (opts.checkpoint) {
      // The epoch's last update is checked here, before it can reach a checkpoint.
      const probe = nonFiniteProbe(params.map((p) => p.value));
      const finite = Number.isFinite((await probe.data())[0]);
      probe.dispose();
      if (!finite) {
        throw new TrainingError(
          `the parameters are not finite after epoch ${epoch} (optimizer step ${step}, lr ${lr}); ` +
            'training stopped without writing a checkpoint, the last one is untouched',
        );
      }
      await opts.checkpoint.save(
        await saveCheckpoint(
          { model, optimizer, scheduler, random: opts.random },
          { epoch: epoch + 1, step },
        ),
      );
    }
    history.push(result);
    await opts.onEpoch?.(result);
    await opts.log?.({ type: 'epoch', ...result });
  }
  return { history, startEpoch };
}

/** Runs `metrics` over every batch in eval mode (no tape) and returns sample-weighted means. */
export async function evaluate<Out>(
  model: Module,
  batches: BatchSource,
  forward: (model: Module, x: Tensor) => Out,
  metrics: (output: Out, batch: Batch) => Record<string, Tensor>,
  disposeBatches = true,
  resetBetweenBatches = true,
): Promise<Record<string, number>> {
  const wasTraining = model.training;
  model.eval();
  const sums: Record<string, number> = {};
  let samples = 0;
  try {
    for await (const batch of iterate(batches)) {
      const size = batch.size ?? batch.y.shape[0];
      if (resetBetweenBatches) resetNet(model);
      const values = tidy(() => noGrad(() => metrics(forward(model, batch.x), batch)));
      for (const [k, t] of Object.entries(values)) {
        sums[k] = (sums[k] ?? 0) + (await t.data())[0] * size;
        t.dispose();
      }
      samples += size;
      if (disposeBatches) dispose([batch.x, batch.y]);
    }
  } finally {
    model.train(wasTraining);
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / samples]));
}
