import { type RawTrainFlags, resolveTrainConfig, type TrainConfig } from '../cli/train-config.js';
import { CheckpointError, UsageError } from '../errors.js';
import type { StoredRun } from './checkpoint-format.js';
import type { EpochRecord, LossRecord } from './run-record.js';

/*
 * The run a checkpoint carries (settings, history, pixel statistics) comes from a file, so it is
 * checked like input: its settings go through the same validation as the command's flags (a tampered
 * preset, step count or dataset is refused exactly as the flag would be), and its history must be
 * numbers in range that agree with the checkpoint's own epoch counter.
 */

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored settings as the flags that would have made them, then validated as flags are. */
function configFrom(c: Record<string, Json>, fail: (why: string) => never): TrainConfig {
  const str = (k: string): string | undefined => {
    const v = c[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') fail(`${k} must be text, got ${JSON.stringify(v)}`);
    return v as string;
  };
  const num = (k: string): string | undefined => {
    const v = c[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number') fail(`${k} must be a number, got ${JSON.stringify(v)}`);
    return String(v);
  };
  const bool = (k: string): boolean => {
    if (typeof c[k] !== 'boolean') fail(`${k} must be true or false, got ${JSON.stringify(c[k])}`);
    return c[k] as boolean;
  };
  for (const k of ['preset', 'encoder', 'optimizer', 'dataset', 'outDir'] as const) {
    if (str(k) === undefined) fail(`${k} is missing`);
  }
  for (const k of ['steps', 'batchSize', 'epochs', 'lr', 'tau', 'seed', 'momentum'] as const) {
    if (num(k) === undefined) fail(`${k} is missing`);
  }
  const optimizer = str('optimizer');
  if (optimizer !== 'sgd' && c.momentum !== 0) fail(`momentum ${String(c.momentum)} goes with sgd only`);
  const flags: RawTrainFlags = {
    model: str('preset'),
    encoder: str('encoder'),
    backend: str('backend'),
    steps: num('steps'),
    batchSize: num('batchSize'),
    epochs: num('epochs'),
    lr: num('lr'),
    optimizer,
    momentum: optimizer === 'sgd' ? num('momentum') : undefined,
    tau: num('tau'),
    dataset: str('dataset'),
    dataDir: str('dataDir'),
    download: bool('download'),
    outDir: str('outDir'),
    resume: str('resume'),
    seed: num('seed'),
    limitTrain: num('limitTrain'),
    limitTest: num('limitTest'),
    plots: bool('plots'),
    json: bool('json'),
  };
  try {
    return resolveTrainConfig(flags);
  } catch (e) {
    if (e instanceof UsageError) fail(`its settings would be refused as flags: ${e.message}`);
    throw e;
  }
}

function finiteIn(
  v: Json,
  what: string,
  fail: (why: string) => never,
  min = Number.NEGATIVE_INFINITY,
): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    fail(
      `${what} must be a finite number${min > Number.NEGATIVE_INFINITY ? ` >= ${min}` : ''}, got ${JSON.stringify(v)}`,
    );
  }
  return v as number;
}

function history(v: Json, fail: (why: string) => never): EpochRecord[] {
  if (!Array.isArray(v)) fail('epochs must be a list');
  return (v as Json[]).map((e, i) => {
    if (!isObject(e) || e.epoch !== i + 1) fail(`epochs[${i}] must be the record of epoch ${i + 1}`);
    const r = e as Record<string, Json>;
    const at = (k: string, min?: number) => finiteIn(r[k], `epochs[${i}].${k}`, fail, min);
    // A run without evaluation records NaN, which JSON stores as null.
    const orNaN = (k: string, min?: number) => (r[k] === null ? Number.NaN : at(k, min));
    return {
      epoch: i + 1,
      trainLoss: orNaN('trainLoss'),
      testLoss: orNaN('testLoss'),
      testAccuracy: orNaN('testAccuracy', 0),
      trainSamplesPerSecond: at('trainSamplesPerSecond', 0),
      seconds: at('seconds', 0),
    };
  });
}

function losses(v: Json, fail: (why: string) => never): LossRecord[] {
  if (!Array.isArray(v)) fail('losses must be a list');
  return (v as Json[]).map((e, i) => {
    if (!isObject(e)) fail(`losses[${i}] must be a record`);
    const r = e as Record<string, Json>;
    return {
      samples: finiteIn(r.samples, `losses[${i}].samples`, fail, 0),
      epoch: finiteIn(r.epoch, `losses[${i}].epoch`, fail, 1),
      loss: finiteIn(r.loss, `losses[${i}].loss`, fail),
    };
  });
}

/**
 * The run stored in checkpoint `path` (its `mnist_demo` metadata text), checked; `epochsDone` is the
 * checkpoint's own epoch counter, which the history must match.
 */
export function parseStoredRun(path: string, text: string, epochsDone: number): StoredRun {
  const fail = (why: string): never => {
    throw new CheckpointError(`${path}: the run stored in this checkpoint is invalid: ${why}`);
  };
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(`it is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) fail('it is not an object');
  const r = raw as Record<string, Json>;
  if (!isObject(r.config)) fail('config is missing');
  const config = configFrom(r.config as Record<string, Json>, fail);
  if (typeof r.backend !== 'string') fail('backend must be text');
  const epochs = history(r.epochs, fail);
  if (epochs.length !== epochsDone) {
    fail(`its history has ${epochs.length} epochs, the checkpoint's counter says ${epochsDone}`);
  }
  if (epochsDone > config.epochs)
    fail(`it has ${epochsDone} epochs done of the ${config.epochs} it was run for`);
  if (!isObject(r.pixelStats)) fail('pixelStats is missing');
  const stats = r.pixelStats as Record<string, Json>;
  return {
    config,
    backend: r.backend as string,
    epochs,
    losses: losses(r.losses, fail),
    seconds: finiteIn(r.seconds, 'seconds', fail, 0),
    pixelStats: {
      mean: finiteIn(stats.mean, 'pixelStats.mean', fail, 0),
      std: finiteIn(stats.std, 'pixelStats.std', fail, Number.MIN_VALUE),
    },
  };
}
