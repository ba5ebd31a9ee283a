import { exportOnnx, loadOnnx, type OnnxPredictor, OnnxRuntimeError } from '@snn/onnx';
import type { AgreeConfig } from '../cli/onnx-config.js';
import { CheckpointError } from '../errors.js';
import { agreement, bothScores } from '../onnx/agreement.js';
import { presetExport } from '../onnx/preset-export.js';
import { checkpointAndTestSet } from './checkpoint-and-test-set.js';

export interface AgreeSummary {
  readonly model: string;
  readonly backend: string;
  readonly onnx: string;
  readonly dataset: string;
  readonly test_samples: number;
  /** Images whose predicted class is the same in the library and in onnxruntime, in %. */
  readonly agreement: number;
  readonly agree: number;
  /** Images whose scores all match within 1e-4. */
  readonly scores_close: number;
  readonly largest_other_difference: number;
  readonly smallest_other_difference: number;
  readonly library_seconds: number;
  readonly onnx_seconds: number;
  readonly checkpoint: string;
}

/**
 * `mnist-demo agree`: the checkpoint's network run by the library (on `--backend`) and its ONNX
 * export run by onnxruntime-node (the `--onnx` file, else the checkpoint exported in memory as
 * `export-onnx` writes it) on the same test images: how often their predictions agree, and how
 * many images' scores match within 1e-4. The same comparison as the ONNX agreement test, on any
 * number of images (the test runs norse-conv on 1,000; this command gives the full-set figure).
 */
export async function agreeRun(config: AgreeConfig, log: (line: string) => void): Promise<AgreeSummary> {
  const { backend, network, run, dataset, test } = await checkpointAndTestSet(config, log);
  const batchSize = config.batchSize ?? 500;
  let predictor: OnnxPredictor;
  try {
    const spec = presetExport(network, run, 'sequence');
    const model = config.onnx ?? (await exportOnnx(spec.network, spec.options));
    predictor = await loadOnnx(model, { batchSize, intraOpNumThreads: config.threads });
  } catch (error) {
    if (error instanceof OnnxRuntimeError) throw new CheckpointError(error.message);
    throw error;
  }
  log(
    `comparing ${run.config.preset} on ${test.length} ${dataset} test images: the library on ${backend}, ${config.onnx ?? 'its ONNX export'} on onnxruntime-node`,
  );
  let reported = 0;
  try {
    const both = await bothScores(network, run, predictor, test, {
      batchSize,
      seed: config.seed,
      onBatch(done) {
        if (done - reported >= 1000 || done === test.length) {
          reported = done;
          log(`${done} / ${test.length} images`);
        }
      },
    });
    const a = agreement(both.library, both.onnx);
    return {
      model: run.config.preset,
      backend,
      onnx: config.onnx ?? 'exported in memory',
      dataset,
      test_samples: a.images,
      agreement: Number(((a.agree / a.images) * 100).toFixed(2)),
      agree: a.agree,
      scores_close: a.close,
      largest_other_difference: Number(a.worst.toPrecision(3)),
      smallest_other_difference: Number(a.smallest.toPrecision(3)),
      library_seconds: Number(both.librarySeconds.toFixed(1)),
      onnx_seconds: Number(both.onnxSeconds.toFixed(1)),
      checkpoint: config.checkpoint,
    };
  } finally {
    await predictor.release();
  }
}
