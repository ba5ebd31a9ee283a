import { UsageError } from '../errors.js';
import { parseChoice, parseInteger } from './parse-number.js';
import {
  BACKEND_CHOICES,
  type BackendChoice,
  DATASET_NAMES,
  type DatasetName,
  MAX_BATCH_SIZE,
  MAX_SEED,
} from './train-config.js';

/** `mnist-demo eval`: the test set through a saved model. */
export interface EvalConfig {
  readonly checkpoint: string;
  readonly backend: BackendChoice;
  /** The data set; undefined means the one the model was trained on (stored in the checkpoint). */
  readonly dataset: DatasetName | undefined;
  readonly dataDir: string | undefined;
  readonly download: boolean;
  /** undefined: the batch size the model was trained with. */
  readonly batchSize: number | undefined;
  readonly limitTest: number | undefined;
  readonly seed: number;
  readonly json: boolean;
}

/** `mnist-demo predict`: a few test images, their labels and the model's answers. */
export interface PredictConfig {
  readonly checkpoint: string;
  readonly backend: BackendChoice;
  readonly dataset: DatasetName | undefined;
  readonly dataDir: string | undefined;
  readonly download: boolean;
  /** Indices into the test set. */
  readonly indices: readonly number[];
  readonly seed: number;
  readonly json: boolean;
}

export interface RawEvalFlags {
  checkpoint?: string;
  backend?: string;
  dataset?: string;
  dataDir?: string;
  download?: boolean;
  batchSize?: string;
  limitTest?: string;
  seed?: string;
  json?: boolean;
}

export interface RawPredictFlags extends Omit<RawEvalFlags, 'batchSize' | 'limitTest'> {
  index?: string[];
}

function checkpointPath(text: string | undefined): string {
  if (text === undefined || text.trim() === '') {
    throw new UsageError(
      '--checkpoint <file> is required: the checkpoint a `mnist-demo train` run wrote (e.g. runs/norse-recurrent/checkpoint.safetensors)',
    );
  }
  return text;
}

function common(raw: RawEvalFlags) {
  return {
    checkpoint: checkpointPath(raw.checkpoint),
    backend:
      raw.backend === undefined ? ('auto' as const) : parseChoice('--backend', raw.backend, BACKEND_CHOICES),
    dataset: raw.dataset === undefined ? undefined : parseChoice('--dataset', raw.dataset, DATASET_NAMES),
    dataDir: raw.dataDir,
    download: raw.download !== false,
    seed: raw.seed === undefined ? 0 : parseInteger('--seed', raw.seed, 0, MAX_SEED),
    json: raw.json === true,
  };
}

export function resolveEvalConfig(raw: RawEvalFlags): EvalConfig {
  return {
    ...common(raw),
    batchSize:
      raw.batchSize === undefined
        ? undefined
        : parseInteger('--batch-size', raw.batchSize, 1, MAX_BATCH_SIZE),
    limitTest: raw.limitTest === undefined ? undefined : parseInteger('--limit-test', raw.limitTest, 1),
  };
}

export function resolvePredictConfig(raw: RawPredictFlags): PredictConfig {
  const texts = (raw.index ?? ['0']).flatMap((t) => t.split(',')).filter((t) => t.trim() !== '');
  if (texts.length === 0) throw new UsageError('--index needs at least one test-set index');
  return { ...common(raw), indices: texts.map((t) => parseInteger('--index', t, 0)) };
}
