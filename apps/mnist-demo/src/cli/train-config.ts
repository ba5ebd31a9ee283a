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

/** What `--backend auto` picks (runtime/backend.ts); `--help` and the README say exactly this. */
export const AUTO_BACKEND =
  'auto picks the fastest that starts: wasm, else tfjs-node if installed, else tfjs-wasm, else tfjs-cpu, else reference; webgpu only when named';
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export const DATASET_NAMES = ['mnist', 'fashion-mnist', 'kmnist'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const OPTIMIZER_NAMES = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * Upper bounds, so that a mistyped number is refused up front instead of exhausting memory minutes
 * later: the tutorials use at most 100 time steps and batches of 256; the encoded input of one batch
 * (steps x batch x 784 floats) must stay below MAX_INPUT_BYTES.
 */
export const MAX_STEPS = 10_000;
export const MAX_BATCH_SIZE = 65_536;
export const MAX_SEED = 2 ** 32 - 1;
const MAX_INPUT_BYTES = 2 ** 31;

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
  /** A NIR file whose weights the network starts from (`--init-from`); undefined: random initialisation. */
  readonly initFrom?: string | undefined;
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
  initFrom?: string;
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
  if (raw.initFrom !== undefined && raw.resume !== undefined) {
    throw new UsageError(
      '--init-from and --resume do not go together: --resume continues a run from its checkpoint (weights and optimizer); --init-from starts a new run from a NIR file',
    );
  }
  const optionalCount = (flag: string, text: string | undefined) =>
    text === undefined ? undefined : parseInteger(flag, text, 1);
  const steps = raw.steps === undefined ? preset.steps : parseInteger('--steps', raw.steps, 1, MAX_STEPS);
  const batchSize =
    raw.batchSize === undefined
      ? preset.batchSize
      : parseInteger('--batch-size', raw.batchSize, 1, MAX_BATCH_SIZE);
  const inputBytes = steps * batchSize * 784 * 4;
  if (inputBytes > MAX_INPUT_BYTES) {
    throw new UsageError(
      `--steps ${steps} x --batch-size ${batchSize}: one batch of encoded input would take ` +
        `${(inputBytes / 2 ** 30).toFixed(1)} GiB (at most 2 GiB); use fewer steps or a smaller batch`,
    );
  }
  return {
    preset: preset.name,
    encoder,
    backend: raw.backend === undefined ? 'auto' : parseChoice('--backend', raw.backend, BACKEND_CHOICES),
    steps,
    batchSize,
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
    initFrom: nonEmpty('--init-from', raw.initFrom),
    seed: raw.seed === undefined ? 0 : parseInteger('--seed', raw.seed, 0, MAX_SEED),
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
