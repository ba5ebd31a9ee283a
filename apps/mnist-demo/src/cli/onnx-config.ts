import { UsageError } from '../errors.js';
import { type EvalConfig, type RawEvalFlags, resolveEvalConfig } from './eval-config.js';
import { parseChoice, parseInteger } from './parse-number.js';
import { DATASET_NAMES, type DatasetName } from './train-config.js';

/** `mnist-demo export-onnx`: a checkpoint's network as an ONNX file. */
export interface ExportOnnxConfig {
  readonly checkpoint: string;
  readonly out: string;
  /** One time step with its state in and out, instead of the whole sequence. */
  readonly perStep: boolean;
  readonly json: boolean;
}

/** `mnist-demo infer`: the test set through an ONNX file with onnxruntime-node. */
export interface InferConfig {
  readonly onnx: string;
  /** undefined: the data set the model was trained on (stored in the file). */
  readonly dataset: DatasetName | undefined;
  readonly dataDir: string | undefined;
  readonly download: boolean;
  readonly batchSize: number;
  readonly limitTest: number | undefined;
  /** onnxruntime's intraOpNumThreads; undefined: its default (one per core). */
  readonly threads: number | undefined;
  /** Seed of stochastic encoders' spike trains (as `eval --seed`). */
  readonly seed: number;
  readonly json: boolean;
}

/** `mnist-demo agree`: a checkpoint run by the library and by onnxruntime on the same images. */
export interface AgreeConfig extends Omit<EvalConfig, 'json'> {
  /** The ONNX file to compare; undefined: the checkpoint exported in memory. */
  readonly onnx: string | undefined;
  /** onnxruntime's intraOpNumThreads; undefined: its default (one per core). */
  readonly threads: number | undefined;
  readonly json: boolean;
}

export interface RawAgreeFlags extends RawEvalFlags {
  onnx?: string;
  threads?: string;
}

export interface RawExportOnnxFlags {
  checkpoint?: string;
  out?: string;
  perStep?: boolean;
  json?: boolean;
}

export interface RawInferFlags {
  onnx?: string;
  dataset?: string;
  dataDir?: string;
  download?: boolean;
  batchSize?: string;
  limitTest?: string;
  threads?: string;
  seed?: string;
  json?: boolean;
}

export function required(flag: string, text: string | undefined, what: string): string {
  if (text === undefined || text.trim() === '') throw new UsageError(`${flag} is required: ${what}`);
  return text;
}

export function resolveExportOnnxConfig(raw: RawExportOnnxFlags): ExportOnnxConfig {
  return {
    checkpoint: required(
      '--checkpoint <file>',
      raw.checkpoint,
      'the checkpoint a `mnist-demo train` run wrote',
    ),
    out: required('--out <file>', raw.out, 'where to write the ONNX model, e.g. model.onnx'),
    perStep: raw.perStep === true,
    json: raw.json === true,
  };
}

export function resolveInferConfig(raw: RawInferFlags): InferConfig {
  return {
    onnx: required('--onnx <file>', raw.onnx, 'an ONNX model written by `mnist-demo export-onnx`'),
    dataset: raw.dataset === undefined ? undefined : parseChoice('--dataset', raw.dataset, DATASET_NAMES),
    dataDir: raw.dataDir,
    download: raw.download !== false,
    batchSize: raw.batchSize === undefined ? 1000 : parseInteger('--batch-size', raw.batchSize, 1),
    limitTest: raw.limitTest === undefined ? undefined : parseInteger('--limit-test', raw.limitTest, 1),
    threads: raw.threads === undefined ? undefined : parseInteger('--threads', raw.threads, 1),
    seed: raw.seed === undefined ? 0 : parseInteger('--seed', raw.seed, 0),
    json: raw.json === true,
  };
}

export function resolveAgreeConfig(raw: RawAgreeFlags): AgreeConfig {
  return {
    ...resolveEvalConfig(raw),
    onnx: raw.onnx,
    threads: raw.threads === undefined ? undefined : parseInteger('--threads', raw.threads, 1),
  };
}
