import { UsageError } from '../errors.js';
import {
  DEFAULT_PRESET,
  ENCODER_NAMES,
  type EncoderName,
  isPresetName,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
} from '../presets.js';
import { parseChoice, parseInteger, parseNonNegative, parsePositive } from './parse-number.js';

export const BACKEND_CHOICES = ['auto', 'reference', 'tfjs-cpu', 'tfjs-wasm', 'wasm', 'webgpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const DATASET_NAMES = ['mnist', 'fashion-mnist', 'kmnist'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const OPTIMIZER_NAMES = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Everything a training run needs, validated, with the preset's defaults filled in. */
export interface TrainConfig {
  readonly preset: PresetName;
  readonly encoder: EncoderName;
  readonly backend: BackendChoice;
  readonly steps: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly lr: number;
  readonly optimizer: OptimizerName;
  readonly momentum: number;
  readonly tau: number;
  readonly dataset: DatasetName;
  readonly dataDir: string | undefined;
  /** Download the data set when no local copy is found (--no-download turns it off). */
  readonly download: boolean;
  readonly outDir: string;
  readonly resume: string | undefined;
  readonly seed: number;
  readonly limitTrain: number | undefined;
  readonly limitTest: number | undefined;
  readonly plots: boolean;
  readonly json: boolean;
}

/** The flags as commander hands them over: strings, booleans, or undefined when not given. */
export interface RawTrainFlags {
  model?: string;
  encoder?: string;
  backend?: string;
  steps?: string;
  batchSize?: string;
  epochs?: string;
  lr?: string;
  optimizer?: string;
  momentum?: string;
  tau?: string;
  dataset?: string;
  dataDir?: string;
  download?: boolean;
  outDir?: string;
  resume?: string;
  seed?: string;
  limitTrain?: string;
  limitTest?: string;
  plots?: boolean;
  json?: boolean;
}

export function resolvePreset(text: string | undefined): PresetName {
  const name = text ?? DEFAULT_PRESET;
  if (!isPresetName(name)) {
    throw new UsageError(`--model: unknown preset '${name}'; choose one of: ${PRESET_NAMES.join(', ')}`);
  }
  return name;
}

export function resolveTrainConfig(raw: RawTrainFlags): TrainConfig {
  const preset = PRESETS[resolvePreset(raw.model)];
  const encoder =
    raw.encoder === undefined ? preset.encoder : parseChoice('--encoder', raw.encoder, ENCODER_NAMES);
  if (!preset.encoders.includes(encoder)) {
    throw new UsageError(
      `--encoder ${encoder} does not fit --model ${preset.name}; it takes: ${preset.encoders.join(', ')}`,
    );
  }
  const optimizer =
    raw.optimizer === undefined
      ? preset.optimizer
      : parseChoice('--optimizer', raw.optimizer, OPTIMIZER_NAMES);
  if (raw.momentum !== undefined && optimizer !== 'sgd') {
    throw new UsageError('--momentum applies to --optimizer sgd only (Adam has its own betas)');
  }
  const momentum = raw.momentum === undefined ? 0 : parseNonNegative('--momentum', raw.momentum);
  if (momentum >= 1) throw new UsageError(`--momentum must be below 1, got ${raw.momentum}`);
  const optionalCount = (flag: string, text: string | undefined) =>
    text === undefined ? undefined : parseInteger(flag, text, 1);
  return {
    preset: preset.name,
    encoder,
    backend: raw.backend === undefined ? 'auto' : parseChoice('--backend', raw.backend, BACKEND_CHOICES),
    steps: raw.steps === undefined ? preset.steps : parseInteger('--steps', raw.steps, 1),
    batchSize:
      raw.batchSize === undefined ? preset.batchSize : parseInteger('--batch-size', raw.batchSize, 1),
    epochs: raw.epochs === undefined ? preset.epochs : parseInteger('--epochs', raw.epochs, 1),
    lr: raw.lr === undefined ? preset.lr : parsePositive('--lr', raw.lr),
    optimizer,
    momentum,
    tau: raw.tau === undefined ? preset.tau : parsePositive('--tau', raw.tau),
    dataset: raw.dataset === undefined ? 'mnist' : parseChoice('--dataset', raw.dataset, DATASET_NAMES),
    dataDir: nonEmpty('--data-dir', raw.dataDir),
    download: raw.download !== false,
    outDir: nonEmpty('--out-dir', raw.outDir) ?? `runs/${preset.name}`,
    resume: nonEmpty('--resume', raw.resume),
    seed: raw.seed === undefined ? 0 : parseInteger('--seed', raw.seed, 0),
    limitTrain: optionalCount('--limit-train', raw.limitTrain),
    limitTest: optionalCount('--limit-test', raw.limitTest),
    plots: raw.plots === true,
    json: raw.json === true,
  };
}

function nonEmpty(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw new UsageError(`${flag} needs a path, got an empty string`);
  return text;
}
