import { readFile } from 'node:fs/promises';
import { OnnxRuntimeError } from '../errors.js';
import { lazyRuntime } from '../runtime/lazy-runtime.js';
import { OnnxPredictor, type PredictorOptions } from '../runtime/predictor.js';

/** onnxruntime-node, an optional peer dependency, imported on first use. */
const onnxruntimeNode = lazyRuntime('onnxruntime-node', () => import('onnxruntime-node'));

/**
 * Loads an ONNX model (a file path or its bytes) into onnxruntime-node and returns a typed
 * predictor: `predict(input)` gives class scores, batched; per-step models also `step`.
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
