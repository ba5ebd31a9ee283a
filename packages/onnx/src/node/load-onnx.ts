import { readFile } from 'node:fs/promises';
import { OnnxRuntimeError } from '../errors.js';
import { lazyRuntime } from '../runtime/lazy-runtime.js';
import { OnnxPredictor, type PredictorOptions } from '../runtime/predictor.js';

/** onnxruntime-node, an optional peer dependency, imported on first use. */
const onnxruntimeNode = lazyRuntime('onnxruntime-node', () => import('onnxruntime-node'));

/**
 * Loads an ONNX model (a file path or its bytes) into onnxruntime-node and returns a typed
 * predictor: `predict(input)` gives class scores, batched; per-step models also `step`.
 * Needs the optional peer dependency onnxruntime-node.
 *
 * @param model - The `.onnx` file's path, or its bytes.
 * @param options - intraOpNumThreads (default: onnxruntime's), batchSize (default 256) and
 *   executionProviders.
 * @example
 * ```ts
 * const model = new RecurrentSNN(784, 100, 10); // trained, in practice
 * const bytes = await exportOnnx(model, { inputShape: [784], encoder: new ConstantCurrentLIFEncoder(32), decoder: maxLogSoftmax });
 * const predictor = await loadOnnx(bytes, { intraOpNumThreads: 2 }); // or loadOnnx('model.onnx')
 * const { labels, classes } = await predictor.predict(new Float32Array(3 * 784).fill(0.5)); // 3 images
 * console.log(labels.length, classes); // 3 10
 * await predictor.release();
 * ```
 */
export async function loadOnnx(
  model: string | Uint8Array,
  options: PredictorOptions = {},
): Promise<OnnxPredictor> {
  let bytes: Uint8Array;
  if (typeof model === 'string') {
    try {
      bytes = new Uint8Array(await readFile(model));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OnnxRuntimeError(
        code === 'ENOENT'
          ? `ONNX model ${model} does not exist`
          : `cannot read ONNX model ${model}: ${(error as Error).message}`,
      );
    }
  } else if (model instanceof Uint8Array) bytes = model;
  else
    throw new OnnxRuntimeError(
      `loadOnnx takes a file path or the model's bytes (Uint8Array), got ${typeof model}`,
    );
  return OnnxPredictor.create(
    await onnxruntimeNode(),
    bytes,
    options,
    typeof model === 'string' ? model : 'the ONNX model',
  );
}
