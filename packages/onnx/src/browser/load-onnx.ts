import { OnnxRuntimeError } from '../errors.js';
import { lazyRuntime } from '../runtime/lazy-runtime.js';
import { OnnxPredictor, type PredictorOptions } from '../runtime/predictor.js';

/** onnxruntime-web, an optional peer dependency, imported on first use. */
const onnxruntimeWeb = lazyRuntime('onnxruntime-web', () => import('onnxruntime-web'));

/**
 * Loads an ONNX model (a URL to fetch, or its bytes) into onnxruntime-web (WebAssembly by default;
 * `executionProviders: ['webgpu']` where the browser has WebGPU) and returns a typed predictor.
 * Needs the optional peer dependency onnxruntime-web.
 *
 * @param model - The model's URL (fetched), or its bytes.
 * @param options - intraOpNumThreads, batchSize (default 256) and executionProviders (default wasm).
 * @example
 * ```ts
 * // In a page bundled for browsers, '@snn/onnx' is this entry point
 * const predictor = await loadOnnx('/models/model.onnx', { executionProviders: ['webgpu'] });
 * const { labels } = await predictor.predict(new Float32Array(784)); // one image
 * ```
 */
export async function loadOnnx(
  model: string | URL | Uint8Array,
  options: PredictorOptions = {},
): Promise<OnnxPredictor> {
  let bytes: Uint8Array;
  if (model instanceof Uint8Array) bytes = model;
  else {
    const response = await fetch(model);
    if (!response.ok)
      throw new OnnxRuntimeError(`cannot fetch ONNX model ${String(model)}: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  return OnnxPredictor.create(
    await onnxruntimeWeb(),
    bytes,
    options,
    model instanceof Uint8Array ? 'the ONNX model' : String(model),
  );
}
