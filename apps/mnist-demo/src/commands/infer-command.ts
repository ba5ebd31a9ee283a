import { dispose } from '@snn/core';
import { DataLoader, type ImageDataset } from '@snn/data-mnist';
import { loadOnnx, type OnnxPredictor, OnnxRuntimeError } from '@snn/onnx';
import type { InferConfig } from '../cli/onnx-config.js';
import type { DatasetName } from '../cli/train-config.js';
import { loadData } from '../data/load-data.js';
import { CheckpointError } from '../errors.js';
import { batchSeed } from '../models/input-encoding.js';
import { ONNX_META } from '../onnx/preset-export.js';
import { type EncoderName, isPresetName, PRESETS, type PresetName } from '../presets.js';
import { encodeBatch, STREAM } from '../train/batches.js';

export interface InferSummary {
  readonly model: string;
  readonly encoder: string;
  readonly form: string;
  readonly runtime: 'onnxruntime-node';
  readonly threads: number | 'default';
  readonly dataset: string;
  readonly test_accuracy: number;
  readonly test_samples: number;
  readonly infer_samples_per_s: number;
  readonly seconds: number;
  readonly onnx: string;
}

/** Predicted class of every test image (and the scores), with the time onnxruntime took. */
export interface OnnxPredictions {
  readonly labels: Int32Array;
  readonly scores: Float32Array;
  readonly classes: number;
  readonly inferSeconds: number;
}

async function open(config: InferConfig): Promise<OnnxPredictor> {
  try {
    return await loadOnnx(config.onnx, { batchSize: config.batchSize, intraOpNumThreads: config.threads });
  } catch (error) {
    if (error instanceof OnnxRuntimeError) throw new CheckpointError(error.message);
    throw error;
  }
}

/**
 * Runs the test images through the model. Image models take the raw pixel bytes (the file
 * normalises them); models of stochastic encoders take spike trains, drawn here batch by batch with
 * the seeds `mnist-demo eval` uses for the same batch size, so both see the same spikes.
 */
export async function predictTestSet(
  predictor: OnnxPredictor,
  test: ImageDataset,
  options: { batchSize: number; seed: number },
): Promise<OnnxPredictions> {
  const info = predictor.info;
  if (!info) throw new CheckpointError('the ONNX file was not written by @snn/onnx');
  if (info.input.layout === 'image') {
    const t0 = performance.now();
    const r = await predictor.predict(test.images);
    return {
      labels: r.labels,
      scores: r.scores,
      classes: r.classes,
      inferSeconds: (performance.now() - t0) / 1000,
    };
  }
  const meta = predictor.metadata;
  const preset = meta[ONNX_META.preset] as PresetName;
  const settings = {
    preset,
    encoder: meta[ONNX_META.encoder] as EncoderName,
    steps: Number(meta[ONNX_META.steps]),
    batchSize: options.batchSize,
    seed: options.seed,
  };
  const loader = new DataLoader(test, {
    batchSize: options.batchSize,
    normalize: PRESETS[preset].normalization,
    stats: JSON.parse(meta[ONNX_META.pixelStats]) as { mean: number; std: number },
  });
  const layout = info.input.shape.length === 1 ? 'flat' : 'image';
  const labels = new Int32Array(test.length);
  let scores = new Float32Array(0);
  let classes = 0;
  let inferSeconds = 0;
  let index = 0;
  let start = 0;
  for (const batch of loader.epoch(0)) {
    const encoded = encodeBatch(batch, settings, layout, batchSeed(options.seed, STREAM.eval, 0, index));
    const spikes = (await encoded.x.data()) as Float32Array;
    dispose([encoded.x, encoded.y]);
    const t0 = performance.now();
    const r = await predictor.predict(spikes, { steps: settings.steps });
    inferSeconds += (performance.now() - t0) / 1000;
    if (scores.length === 0) {
      classes = r.classes;
      scores = new Float32Array(test.length * classes);
    }
    labels.set(r.labels, start);
    scores.set(r.scores, start * classes);
    start += batch.batchSize;
    index += 1;
  }
  return { labels, scores, classes, inferSeconds };
}

/** `mnist-demo infer`: test-set accuracy and onnxruntime's speed on an exported model. */
export async function inferRun(config: InferConfig, log: (line: string) => void): Promise<InferSummary> {
  const t0 = performance.now();
  const predictor = await open(config);
  try {
    const preset = predictor.metadata[ONNX_META.preset];
    if (!preset || !isPresetName(preset)) {
      throw new CheckpointError(
        `${config.onnx} was not written by \`mnist-demo export-onnx\` (no preset in its metadata)`,
      );
    }
    const dataset = config.dataset ?? (predictor.metadata[ONNX_META.dataset] as DatasetName);
    const { test } = await loadData({
      dataset,
      dataDir: config.dataDir,
      limitTest: config.limitTest,
      train: false,
      download: config.download,
      log,
    });
    log(
      `running ${preset} (${predictor.info?.form === 'step' ? 'per-step' : 'whole-sequence'} ONNX) on ${test.length} ${dataset} test images with onnxruntime-node`,
    );
    const r = await predictTestSet(predictor, test, { batchSize: config.batchSize, seed: config.seed });
    let correct = 0;
    for (let i = 0; i < test.length; i++) if (r.labels[i] === test.labels[i]) correct++;
    return {
      model: preset,
      encoder: predictor.metadata[ONNX_META.encoder] ?? '',
      form: predictor.info?.form ?? 'sequence',
      runtime: 'onnxruntime-node',
      threads: config.threads ?? 'default',
      dataset,
      test_accuracy: Number(((100 * correct) / test.length).toFixed(2)),
      test_samples: test.length,
      infer_samples_per_s: Number((test.length / r.inferSeconds).toFixed(1)),
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
      onnx: config.onnx,
    };
  } finally {
    await predictor.release();
  }
}
