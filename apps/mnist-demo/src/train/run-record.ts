import type { EpochResult } from '@snn/modules';
import type { TrainConfig } from '../cli/train-config.js';

/** One epoch as the app reports it (and keeps in checkpoints, so a resumed run has its whole history). */
export interface EpochRecord {
  /** 1-based. */
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Percent. */
  readonly testAccuracy: number;
  readonly trainSamplesPerSecond: number;
  readonly seconds: number;
}

/** The record of one epoch from `fit`'s result; `epochsBefore` offsets fit's 0-based epoch index. */
export function epochRecord(r: EpochResult, epochsBefore = 0): EpochRecord {
  return {
    epoch: epochsBefore + r.epoch + 1,
    trainLoss: r.trainLoss,
    testLoss: r.eval?.loss ?? Number.NaN,
    testAccuracy: (r.eval?.accuracy ?? Number.NaN) * 100,
    trainSamplesPerSecond: r.samplesPerSecond,
    seconds: r.seconds,
  };
}

export interface LossRecord {
  readonly samples: number;
  readonly epoch: number;
  readonly loss: number;
}

/** What a run remembers besides weights: enough to rebuild the model and to draw its curves. */
export interface RunState {
  readonly config: TrainConfig;
  readonly backend: string;
  readonly epochs: EpochRecord[];
  readonly losses: LossRecord[];
  /** Wall seconds of training so far, over all sessions of a resumed run. */
  seconds: number;
}

/** One epoch in the `--json` line. */
export interface EpochSummary {
  readonly epoch: number;
  readonly train_loss: number;
  readonly test_loss: number;
  /** Percent. */
  readonly test_accuracy: number;
  readonly train_samples_per_s: number;
  readonly seconds: number;
}

/** The `--json` line: every key snake_case (the history's too), the results and the run's details. */
export interface RunSummary {
  readonly model: string;
  readonly encoder: string;
  readonly backend: string;
  readonly dataset: string;
  readonly epochs: number;
  readonly test_accuracy: number;
  readonly test_loss: number;
  readonly train_samples_per_s: number;
  readonly seconds: number;
  readonly steps: number;
  readonly batch_size: number;
  readonly lr: number;
  readonly optimizer: string;
  readonly seed: number;
  readonly train_samples: number;
  readonly test_samples: number;
  /** Each epoch, with snake_case keys like every other key of the `--json` line. */
  readonly history: readonly EpochSummary[];
  readonly checkpoint: string;
  readonly out_dir: string;
  readonly resumed_from_epoch: number;
}

export function summarize(
  state: RunState,
  counts: { train: number; test: number },
  paths: { checkpoint: string; outDir: string },
  resumedFromEpoch: number,
): RunSummary {
  const { config } = state;
  const last = state.epochs[state.epochs.length - 1];
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  // Throughput of the epochs trained in this session, weighted by time (samples / seconds overall).
  const current = state.epochs.filter((e) => e.epoch > resumedFromEpoch);
  const samples = current.reduce((s, e) => s + e.trainSamplesPerSecond * e.seconds, 0);
  const secs = current.reduce((s, e) => s + e.seconds, 0);
  return {
    model: config.preset,
    encoder: config.encoder,
    backend: state.backend,
    dataset: config.dataset,
    epochs: state.epochs.length,
    test_accuracy: last ? round(last.testAccuracy, 2) : Number.NaN,
    test_loss: last ? round(last.testLoss, 5) : Number.NaN,
    train_samples_per_s: secs > 0 ? round(samples / secs, 1) : 0,
    seconds: round(state.seconds, 1),
    steps: config.steps,
    batch_size: config.batchSize,
    lr: config.lr,
    optimizer: config.optimizer,
    seed: config.seed,
    train_samples: counts.train,
    test_samples: counts.test,
    history: state.epochs.map((e) => ({
      epoch: e.epoch,
      train_loss: e.trainLoss,
      test_loss: e.testLoss,
      test_accuracy: e.testAccuracy,
      train_samples_per_s: e.trainSamplesPerSecond,
      seconds: e.seconds,
    })),
    checkpoint: paths.checkpoint,
    out_dir: paths.outDir,
    resumed_from_epoch: resumedFromEpoch,
  };
}
