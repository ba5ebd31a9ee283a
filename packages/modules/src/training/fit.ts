import {
  ArgumentError,
  add,
  concat,
  dispose,
  equal,
  keep,
  logicalAnd,
  mul,
  noGrad,
  reshape,
  sum,
  type Tensor,
  tidy,
} from '@snn/core';
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
  /** Model input, batch first (e.g. [batch, 784] pixels, or [T, batch, ...] for a sequence model). */
  readonly x: Tensor;
  /** Targets, first axis the batch: class indices [batch] for the default `nllLoss`. */
  readonly y: Tensor;
  /** Samples in the batch (default y.shape[0]). */
  readonly size?: number;
}

/** The batches of one epoch: an array, a generator, or an async generator (read lazily, one at a time). */
export type BatchSource = Iterable<Batch> | AsyncIterable<Batch>;

/** What `onBatch` receives (and `log`, as a 'batch' record) every `logEvery` training batches. */
export interface BatchProgress {
  /** Epoch, 0-based. */
  readonly epoch: number;
  /** Batch index within the epoch. */
  readonly batch: number;
  /** Optimizer steps since the start of training. */
  readonly step: number;
  /** The batch's training loss. */
  readonly loss: number;
  /** Training samples per second since the previous report (wall clock). */
  readonly samplesPerSecond: number;
  /** The optimizer's learning rate at this batch. */
  readonly lr: number;
}

/** One epoch's summary: what `onEpoch` receives, `log` gets as an 'epoch' record, and `history` holds. */
export interface EpochResult {
  /** Epoch, 0-based. */
  readonly epoch: number;
  /** Optimizer steps since the start of training, at the end of this epoch. */
  readonly step: number;
  /** Mean training loss over the epoch's samples (batches weighted by their sizes); NaN for no batches. */
  readonly trainLoss: number;
  /** Training samples per second over the epoch (training only, without evaluation). */
  readonly samplesPerSecond: number;
  /** Wall-clock seconds the epoch's training took (without evaluation). */
  readonly seconds: number;
  /** The learning rate the epoch trained with (before the scheduler's step at its end). */
  readonly lr: number;
  /** Mean of each evaluation metric over the evaluation samples (e.g. loss, accuracy). */
  readonly eval?: Record<string, number>;
}

/** One line of the training log (`log` option): a batch's progress or an epoch's result, told apart by `type`. */
export type MetricsRecord =
  | ({
      /** A batch's progress. */
      type: 'batch';
    } & BatchProgress)
  | ({
      /** An epoch's result. */
      type: 'epoch';
    } & EpochResult);

/** What a module's `forward` returns: the output type `fit` hands to `loss` and `metrics`. */
export type ModuleOutput<M> = M extends {
  /** The module's forward pass, whose result type is taken. */
  forward(...args: never[]): infer O;
}
  ? O
  : never;

/**
 * Options of {@link fit}: the model, optimizer and data are required, everything else has a default.
 *
 * @example
 * ```ts
 * import { DataLoader, loadMnist } from '@snn/data-mnist';
 * import { ConstantCurrentLIFEncoder } from '@snn/encoders';
 * import { Adam, EncoderSNNDecoder, fit, imageBatches, maxLogSoftmax, RecurrentSNN } from '@snn/modules';
 * import { fileCheckpointStore } from '@snn/modules/node';
 * const trainLoader = new DataLoader(await loadMnist({ split: 'train' }), { batchSize: 128, normalize: 'unit' });
 * const testLoader = new DataLoader(await loadMnist({ split: 'test' }), { batchSize: 128, normalize: 'unit' });
 * // Norse's tutorial model: pixels -> spikes, a recurrent LIF layer, max over time of the readout
 * const model = new EncoderSNNDecoder(new ConstantCurrentLIFEncoder(32), new RecurrentSNN(784, 100, 10), maxLogSoftmax);
 * const { history } = await fit({
 *   model,
 *   optimizer: new Adam(model.parameters(), { lr: 2e-3 }),
 *   epochs: 5,
 *   trainBatches: imageBatches(trainLoader),
 *   evalBatches: imageBatches(testLoader),
 *   checkpoint: fileCheckpointStore('runs/mnist'),
 *   resume: true,
 * });
 * ```
 */
export interface FitOptions<M extends Module = Module, Out = ModuleOutput<M>> {
  /** The model to train (put in training mode for training, eval mode for evaluation). */
  model: M;
  /** Updates the model's parameters after each batch. */
  optimizer: Optimizer;
  /** Epochs to train in all, counting those a resumed run already did. */
  epochs: number;
  /** Training batches for epoch `epoch` (0-based); make the order a function of the epoch for reproducible runs. */
  trainBatches: (epoch: number) => BatchSource;
  /** Evaluation batches, run after every epoch in eval mode without gradients. */
  evalBatches?: (epoch: number) => BatchSource;
  /** How the model is called (default `model.forward(x)`); its result type is what `loss` receives. */
  forward?: (model: M, x: Tensor) => Out;
  /**
   * Scalar loss of a batch (default `nllLoss(output, y)`, for models that end in log-probabilities).
   * `output` is typed by the model's `forward` (or by the `forward` option).
   */
  loss?: (output: Out, batch: Batch) => Tensor;
  /** Evaluation metrics per batch, each a scalar mean over the batch (default loss and accuracy). */
  metrics?: (output: Out, batch: Batch) => Record<string, Tensor>;
  /**
   * Split a training batch into parts whose gradients are accumulated (weighted by their sizes) into
   * one optimizer step: for a mean loss the same step as the whole batch, with the memory of the
   * largest part (backpropagation through time keeps every step's activations of what it runs).
   * fit disposes the parts' tensors unless `keepBatches`.
   */
  splitBatch?: (batch: Batch) => readonly Batch[];
  /** Learning-rate schedule, stepped once after each epoch (after evaluation); checkpointed with the rest. */
  scheduler?: LRScheduler;
  /** Clip gradients to this global 2-norm before each step. */
  clipGradNorm?: number;
  /** Called every `logEvery` batches with the batch's progress (awaited when it returns a promise). */
  onBatch?: (p: BatchProgress) => void | Promise<void>;
  /** Called after each epoch's evaluation and checkpoint with its result (awaited when it returns a promise). */
  onEpoch?: (r: EpochResult) => void | Promise<void>;
  /** Receives one record per batch and per epoch: write them as JSON lines (see `jsonLinesFile`). */
  log?: (record: MetricsRecord) => void | Promise<void>;
  /** Report every n-th batch to onBatch/log (default 1). */
  logEvery?: number;
  /**
   * Read the batch losses back from the device every n-th batch (default 1), all in one read: a GPU
   * backend then waits for the host once per n batches instead of once per batch. Between reads each
   * update is applied on the device only while every loss since the last read is finite, so a NaN or
   * infinite loss still leaves the parameters (and the optimizer state) as they were before its batch;
   * training stops at the read that finds it. Progress reports for the batches in between arrive at
   * that read. Evaluation reads its metrics once per evaluation whatever n is.
   */
  readEvery?: number;
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

/** What {@link fit} resolves to once every epoch has run. */
export interface FitResult {
  /** One result per epoch this call trained (not those before a resume), in order. */
  readonly history: EpochResult[];
  /** Epoch training started at (non-zero after a resume). */
  readonly startEpoch: number;
}

async function* iterate(src: BatchSource): AsyncGenerator<Batch> {
  yield* src as AsyncIterable<Batch>;
}

const now = (): number => performance.now();

/** One trained batch whose checks are still on the device. */
interface PendingBatch {
  /** [loss, gradients' probe, parameters' probe before its update] (see nonFiniteProbe). */
  readonly checks: Tensor;
  readonly batch: number;
  readonly step: number;
  readonly size: number;
  /** Host time once its update was issued. */
  readonly time: number;
}

/** Values per batch in PendingBatch.checks. */
const CHECKS = 3;

/** What is not finite in batch `k`'s checks (parameters first: they explain the rest), or undefined. */
function nonFiniteProblem(
  values: ArrayLike<number>,
  k: number,
  p: { readonly batch: number; readonly step: number },
  epoch: number,
  lr: number,
): string | undefined {
  const [loss, gradients, parameters] = [0, 1, 2].map((i) => values[CHECKS * k + i]);
  const where = `epoch ${epoch}, batch ${p.batch} (optimizer step ${p.step})`;
  if (!Number.isFinite(parameters)) {
    const made =
      p.step > 1 ? `optimizer step ${p.step - 1} (lr ${lr}) made them so` : 'they started that way';
    return `the parameters are not finite before ${where}: ${made}`;
  }
  if (!Number.isFinite(loss)) return `loss is ${loss} at ${where}`;
  if (!Number.isFinite(gradients)) return `a gradient is not finite (NaN or Infinity) at ${where}`;
  return undefined;
}

/**
 * Trains any model: for each epoch, forward + loss + gradients + (clip) + optimizer step per batch,
 * then evaluation, scheduler step and a checkpoint. A NaN or infinite loss or gradient stops training
 * with a TrainingError naming epoch, batch and step, the parameters as they were before that batch
 * and the checkpoints on disk as they were; parameters made non-finite by an update (a learning rate
 * far too large) stop it before the next batch or the epoch's checkpoint. The checks are device-side
 * scalars read with the loss, every `readEvery` batches.
 *
 * The output type of `loss` and `metrics` is the model's `forward` result, so a model declared
 * `extends Module<[Tensor], [Tensor, Tensor]>` (or whose `forward` says so) needs no cast.
 *
 * @param opts - The model, optimizer, epochs and batches, and the optional loss, metrics, scheduler,
 *   checkpointing and logging (see {@link FitOptions} for each one's default).
 * @returns Each epoch's result, and the epoch training started at.
 * @example
 * ```ts
 * // Four samples, three classes: the PyTorch loop over epochs and batches in one call
 * const model = new Linear(4, 3);
 * const x = tensor([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1], [4, 4]);
 * const y = tensor([0, 1, 2, 0], [4], 'int32'); // class indices
 * const { history } = await fit({
 *   model,
 *   optimizer: new Adam(model.parameters(), { lr: 0.1 }),
 *   epochs: 30,
 *   trainBatches: () => [{ x, y }],
 *   evalBatches: () => [{ x, y }],
 *   loss: (logits, batch) => crossEntropy(logits, batch.y), // the default nllLoss expects log-probabilities
 *   keepBatches: true, // x and y are reused every epoch: do not dispose them
 * });
 * console.log(history.at(-1)?.eval?.accuracy); // 1
 * ```
 */
export async function fit<M extends Module, Out = ModuleOutput<M>>(
  opts: FitOptions<M, Out>,
): Promise<FitResult> {
  const { model, optimizer, scheduler, epochs } = opts;
  const forward = opts.forward ?? ((m: M, x: Tensor) => m.forward(x) as Out);
  const lossFn = opts.loss ?? ((out: Out, b: Batch) => nllLoss(out as unknown as Tensor, b.y as Targets));
  const metricsFn =
    opts.metrics ??
    ((out: Out, b: Batch) => ({ loss: lossFn(out, b), accuracy: accuracy(out as unknown as Tensor, b.y) }));
  const logEvery = Math.max(1, opts.logEvery ?? 1);
  const readEvery = Math.max(1, Math.floor(opts.readEvery ?? 1));
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
    const pending: PendingBatch[] = [];
    /** Device flag (bool scalar): every loss since the last read was finite, so updates may apply. */
    let allFinite: Tensor | null = null;

    const dropPending = () => {
      dispose(pending.map((p) => p.checks));
      pending.length = 0;
      allFinite?.dispose();
      allFinite = null;
    };

    /** Reads every pending loss at once, stops on a non-finite one, reports the batches in order. */
    const readPending = async (alreadyRead?: ArrayLike<number>) => {
      if (pending.length === 0) return;
      let values = alreadyRead;
      if (values === undefined) {
        const all = tidy(() => concat(pending.map((p) => p.checks)));
        values = await all.data();
        all.dispose();
      }
      const batches = pending.slice();
      dropPending();
      for (let k = 0; k < batches.length; k++) {
        const p = batches[k];
        const problem = nonFiniteProblem(values, k, p, epoch, optimizer.lr);
        const lossValue = values[CHECKS * k];
        if (problem !== undefined) {
          const dropped = batches.length - k;
          throw new TrainingError(
            `${problem}; ` +
              (readEvery === 1
                ? 'training stopped before updating the parameters'
                : `training stopped at the read after it: ${dropped === 1 ? 'its update was' : `its update and the ${dropped - 1} after it were`} dropped on the device, the parameters are as before that batch`) +
              ', the last checkpoint is untouched',
          );
        }
        lossSum += lossValue * p.size;
        samples += p.size;
        windowSamples += p.size;
        if (p.batch % logEvery === 0) {
          const progress: BatchProgress = {
            epoch,
            batch: p.batch,
            step: p.step,
            loss: lossValue,
            samplesPerSecond: (windowSamples * 1000) / Math.max(p.time - windowStart, 1e-9),
            lr: optimizer.lr,
          };
          windowStart = p.time;
          windowSamples = 0;
          await opts.onBatch?.(progress);
          await opts.log?.({ type: 'batch', ...progress });
        }
      }
    };

    try {
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
        // Loss, gradients and parameters checked in one device vector, read with the loss.
        const checks = keep(
          tidy(() =>
            concat([
              reshape(lossT, [1]),
              reshape(nonFiniteProbe(params.flatMap((p) => (p.grad ? [p.grad] : []))), [1]),
              reshape(nonFiniteProbe(params.map((p) => p.value)), [1]),
            ]),
          ),
        );
        lossT.dispose();
        const entry = { checks, batch: batchIndex, step: step + 1, size, time: 0 };
        pending.push(entry);
        let apply: Tensor | undefined;
        let values: ArrayLike<number> | undefined;
        if (readEvery === 1) {
          // Read before the update: a non-finite loss or gradient never reaches the parameters.
          values = await checks.data();
          if (nonFiniteProblem(values, 0, entry, epoch, optimizer.lr) !== undefined) {
            optimizer.zeroGrad();
            if (!opts.keepBatches) dispose([batch.x, batch.y]);
            await readPending(values); // throws
          }
        } else {
          // No read: the update applies on the device only while every loss since the last read is finite.
          const previous: Tensor | null = allFinite;
          allFinite = keep(
            tidy(() => {
              const finite = equal(sum(mul(checks, 0)), 0);
              return previous === null ? finite : logicalAnd(previous, finite);
            }),
          );
          previous?.dispose();
          apply = allFinite;
        }
        if (opts.clipGradNorm !== undefined) clipGradNorm(params, opts.clipGradNorm).dispose();
        optimizer.step(apply);
        optimizer.zeroGrad();
        if (!opts.keepBatches) dispose([batch.x, batch.y]);
        step += 1;
        batchIndex += 1;
        entry.time = now();
        if (pending.length >= readEvery) await readPending(values);
      }
      await readPending();
    } finally {
      dropPending();
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

/**
 * Runs `metrics` over every batch in eval mode (no tape) and returns sample-weighted means. The sums
 * stay on the device until the end: one read per evaluation, not one per batch.
 *
 * @param model - The model, put in eval mode for the run (its mode is restored after).
 * @param batches - The evaluation batches.
 * @param forward - How the model is called on a batch's x.
 * @param metrics - Scalar means over one batch, by name.
 * @param disposeBatches - Dispose each batch's tensors after use (default true).
 * @param resetBetweenBatches - `resetNet(model)` before every batch (default true).
 * @example
 * ```ts
 * const model = new Linear(4, 3);
 * const batches = [{ x: ones([8, 4]), y: tensor([0, 1, 2, 0, 1, 2, 0, 1], [8], 'int32') }];
 * const { loss, acc } = await evaluate(
 *   model,
 *   batches,
 *   (m, x) => m.forward(x),
 *   (logits, b) => ({ loss: crossEntropy(logits, b.y), acc: accuracy(logits, b.y) }),
 * );
 * ```
 */
export async function evaluate<M extends Module, Out>(
  model: M,
  batches: BatchSource,
  forward: (model: M, x: Tensor) => Out,
  metrics: (output: Out, batch: Batch) => Record<string, Tensor>,
  disposeBatches = true,
  resetBetweenBatches = true,
): Promise<Record<string, number>> {
  const wasTraining = model.training;
  model.eval();
  const sums = new Map<string, Tensor>();
  let samples = 0;
  try {
    for await (const batch of iterate(batches)) {
      const size = batch.size ?? batch.y.shape[0];
      if (resetBetweenBatches) resetNet(model);
      const values = tidy(() => noGrad(() => metrics(forward(model, batch.x), batch)));
      for (const [k, t] of Object.entries(values)) {
        if (t.size !== 1) {
          dispose(Object.values(values));
          throw new ArgumentError(
            `evaluate: metric '${k}' must be a scalar, got shape [${t.shape.join(', ')}]`,
          );
        }
        const previous = sums.get(k);
        sums.set(k, keep(tidy(() => add(previous ?? 0, mul(reshape(t, [1]), size)))));
        previous?.dispose();
        t.dispose();
      }
      samples += size;
      if (disposeBatches) dispose([batch.x, batch.y]);
    }
    const keys = [...sums.keys()];
    if (keys.length === 0) return {};
    const all = tidy(() => concat(keys.map((k) => sums.get(k)!)));
    const totals = await all.data();
    all.dispose();
    return Object.fromEntries(keys.map((k, i) => [k, totals[i] / samples]));
  } finally {
    dispose([...sums.values()]);
    model.train(wasTraining);
  }
}
