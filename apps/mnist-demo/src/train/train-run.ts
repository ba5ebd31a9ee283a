import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutOfMemoryError } from '@snn/core';
import { type EpochResult, type FitOptions, fit, loadCheckpoint, manualSeed } from '@snn/modules';
import { jsonLinesFile, writeFileAtomic } from '@snn/modules/node';
import type { Progress } from '../cli/progress.js';
import type { TrainConfig } from '../cli/train-config.js';
import { loadData } from '../data/load-data.js';
import { CheckpointError, MemoryExhaustedError, UsageError } from '../errors.js';
import { buildNetwork } from '../models/build-network.js';
import { initFromNir } from '../nir/init-from-nir.js';
import { useBackend } from '../runtime/backend.js';
import { encodedBatches, makeLoader, pixelStatsOf, STREAM } from './batches.js';
import { checkResumable, readStoredRun, type StoredRun, withRun } from './checkpoint-file.js';
import { createOptimizer, lossAndAccuracy } from './metrics.js';
import { keepMetricsBefore } from './metrics-file.js';
import { microBatchSize, splitBatch } from './micro-batches.js';
import { prepareOutDir } from './out-dir.js';
import { type PictureSession, startPictures } from './pictures.js';
import { epochRecord, type RunState, type RunSummary, summarize } from './run-record.js';

export interface TrainIO {
  readonly progress: Progress;
  /** Human-readable lines (stderr in the CLI, so stdout stays for results). */
  readonly log: (line: string) => void;
  /** Environment for data lookup (tests pass their own). */
  readonly dataEnv?: Record<string, string | undefined>;
}

export const CHECKPOINT_FILE = 'checkpoint.safetensors';

export { batchAccuracy, createOptimizer } from './metrics.js';

/**
 * `mnist-demo train`: data, network, optimizer, then @snn/modules' `fit` with an evaluation on the
 * test split after every epoch and a checkpoint (atomic) after every epoch; `--resume` continues from
 * one. Returns the summary that `--json` prints.
 */
export async function trainRun(config: TrainConfig, io: TrainIO): Promise<RunSummary> {
  // Everything that can be checked without a backend or data is checked first.
  const outDir = await prepareOutDir(config.outDir);
  const resumed = config.resume ? await readStoredRun(config.resume) : undefined;
  if (resumed) {
    checkResumable(config.resume!, resumed.run.config, config);
    const done = resumed.run.epochs.length;
    if (config.epochs <= done) {
      throw new UsageError(
        `--resume ${config.resume}: that run has done ${done} epoch${done === 1 ? '' : 's'} already; ` +
          `--epochs ${config.epochs} leaves nothing to train (pass --epochs ${done + 1} or more)`,
      );
    }
  }
  const backend = await useBackend(config.backend);
  io.log(`backend: ${backend}`);
  const data = await loadData({
    dataset: config.dataset,
    dataDir: config.dataDir,
    limitTrain: config.limitTrain,
    limitTest: config.limitTest,
    train: true,
    log: io.log,
    env: io.dataEnv,
    download: config.download,
  });
  const train = data.train!;
  const test = data.test;
  io.log(`data: ${config.dataset}, ${train.length} training and ${test.length} test images`);

  manualSeed(config.seed);
  const network = buildNetwork(config);
  if (config.initFrom) {
    const { loaded, nodes } = await initFromNir(network, config.preset, config.initFrom);
    io.log(
      `initialised from ${config.initFrom}: ${loaded} tensors (weights and neuron parameters) from a NIR graph of ${nodes} nodes`,
    );
  }
  const optimizer = createOptimizer(config, network);
  if (resumed) {
    // fit restores the checkpoint again when it starts; loading it here first turns anything wrong
    // with it into a checkpoint error (exit 4) rather than a training failure.
    try {
      loadCheckpoint(resumed.bytes, { model: network.module, optimizer });
    } catch (error) {
      throw new CheckpointError(`cannot resume from ${config.resume}: ${(error as Error).message}`);
    }
  }
  const state: RunState = {
    config,
    backend,
    epochs: resumed ? [...resumed.run.epochs] : [],
    losses: resumed ? [...resumed.run.losses] : [],
    seconds: resumed ? resumed.run.seconds : 0,
  };
  const resumedFromEpoch = state.epochs.length;
  if (resumed) io.log(`resuming from ${config.resume} after epoch ${resumedFromEpoch}`);

  const checkpointPath = join(outDir, CHECKPOINT_FILE);
  const metricsPath = join(outDir, 'metrics.jsonl');
  // A run killed mid-epoch logged part of that epoch; the resumed run logs it again from its start.
  if (resumed) await keepMetricsBefore(metricsPath, resumedFromEpoch);
  const pictures: PictureSession | undefined = config.plots
    ? await startPictures(config, network, test, outDir, pixelStatsOf(train))
    : undefined;

  const stats = pixelStatsOf(train);
  const trainLoader = makeLoader(train, config, true, stats);
  // Evaluation holds a batch's activations of every step too (until the batch is done), so it runs in
  // batches of the micro-batch size: the same metrics (sample-weighted means), the same memory.
  const micro = microBatchSize(config);
  const evalSettings = { ...config, batchSize: micro };
  const testLoader = makeLoader(test, evalSettings, false, stats);
  const batchesPerEpoch = trainLoader.length;
  let samplesSeen = state.losses.length > 0 ? state.losses[state.losses.length - 1].samples : 0;
  let epochLossSum = 0;
  let epochBatches = 0;
  // fit hands the checkpoint bytes over just before it reports the epoch; the file is written once
  // the epoch's numbers are known, so the checkpoint carries the whole history.
  let pendingCheckpoint: Uint8Array | undefined;
  const snapshot = (): StoredRun => ({
    ...state,
    epochs: [...state.epochs],
    losses: [...state.losses],
    pixelStats: stats,
  });

  if (micro < config.batchSize) {
    io.log(
      `batches of ${config.batchSize} train in parts of ${micro} (their gradients add up to one optimizer step ` +
        `per batch): backpropagation through ${config.steps} steps keeps every step's activations`,
    );
  }
  const sessionStart = performance.now();
  const fitOptions: FitOptions<typeof network.module, unknown> = {
    model: network.module,
    optimizer,
    epochs: config.epochs,
    trainBatches: (epoch) => encodedBatches(trainLoader, config, network.inputLayout, epoch, STREAM.train),
    // The same test batches (and encoder seeds) after every epoch, so the numbers compare.
    evalBatches: () => encodedBatches(testLoader, evalSettings, network.inputLayout, 0, STREAM.eval),
    forward: (_model, x) => network.forward(x),
    loss: (out, batch) => network.loss(out, batch.y),
    metrics: lossAndAccuracy(network),
    onBatch: (p) => {
      if (p.batch === 0) {
        epochLossSum = 0;
        epochBatches = 0;
        io.progress.start(`epoch ${p.epoch + 1}/${config.epochs}`, batchesPerEpoch);
      }
      epochLossSum += p.loss;
      epochBatches += 1;
      samplesSeen += Math.min(config.batchSize, train.length - p.batch * config.batchSize);
      state.losses.push({ samples: samplesSeen, epoch: p.epoch + 1, loss: p.loss });
      io.progress.update(p.batch + 1, {
        loss: epochLossSum / epochBatches,
        samplesPerSecond: p.samplesPerSecond,
      });
    },
    onEpoch: async (r: EpochResult) => {
      const record = epochRecord(r);
      state.epochs.push(record);
      state.seconds = (resumed?.run.seconds ?? 0) + (performance.now() - sessionStart) / 1000;
      io.progress.stop(
        `epoch ${record.epoch}/${config.epochs}: train loss ${record.trainLoss.toFixed(4)}, ` +
          `test loss ${record.testLoss.toFixed(4)}, test accuracy ${record.testAccuracy.toFixed(2)}%, ` +
          `${Math.round(record.trainSamplesPerSecond)} samples/s, ${record.seconds.toFixed(1)} s`,
      );
      if (pendingCheckpoint) {
        await writeFileAtomic(checkpointPath, withRun(pendingCheckpoint, snapshot()));
        pendingCheckpoint = undefined;
      }
    },
    checkpoint: {
      save: async (bytes) => {
        pendingCheckpoint = bytes;
      },
      load: async () => resumed?.bytes ?? null,
    },
    resume: resumed !== undefined,
    log: jsonLinesFile(metricsPath),
    splitBatch:
      micro < config.batchSize ? (b) => splitBatch(b, micro, config.encoder === 'direct' ? 0 : 1) : undefined,
  };
  try {
    await fit(fitOptions);
  } catch (error) {
    if (!(error instanceof OutOfMemoryError)) throw error;
    throw new MemoryExhaustedError(
      `${error.message}. Backpropagation through time keeps every step's activations of a batch: ` +
        `try a smaller --batch-size (now ${config.batchSize}) or fewer --steps (now ${config.steps})`,
    );
  }

  const summary = summarize(
    state,
    { train: train.length, test: test.length },
    { checkpoint: checkpointPath, outDir },
    resumedFromEpoch,
  );
  await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (pictures) {
    const report = await pictures.finish(state, summary);
    io.log(`pictures: ${report}`);
  }
  return summary;
}
