import { OnnxRuntimeError } from '../errors.js';
import type { OrtModule } from '../runtime/ort-types.js';
import { OnnxPredictor, type PredictorOptions } from '../runtime/predictor.js';

let runtime: Promise<OrtModule> | undefined;

/** onnxruntime-web, an optional peer dependency, imported on first use. */
function onnxruntimeWeb(): Promise<OrtModule> {
  runtime ??= import('onnxruntime-web').then(
    (m) => ((m as { default?: OrtModule }).default ?? m) as OrtModule,
    (error: Error) => {
      runtime = undefined;
      throw new OnnxRuntimeError(
        `loadOnnx needs onnxruntime-web (npm install onnxruntime-web): ${error.message.split('\n')[0]}`,
      );
    },
  );
  return runtime;
}

/**
 * Loads an ONNX model (a URL to fetch, or its bytes) into onnxruntime-web (WebAssembly by default;
 * `executionProviders: ['webgpu']` where the browser has WebGPU) and returns a typed predictor.
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
