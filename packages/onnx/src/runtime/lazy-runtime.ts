import { OnnxRuntimeError } from '../errors.js';
import type { OrtModule } from './ort-types.js';

/**
 * An optional peer dependency (onnxruntime-node, onnxruntime-web) imported on first use, once; a
 * missing package becomes an OnnxRuntimeError saying what to install.
 */
export function lazyRuntime(packageName: string, load: () => Promise<unknown>): () => Promise<OrtModule> {
  let runtime: Promise<OrtModule> | undefined;
  return () => {
    runtime ??= load().then(
      (m) => ((m as { default?: OrtModule }).default ?? m) as OrtModule,
      (error: Error) => {
        runtime = undefined;
        throw new OnnxRuntimeError(
          `loadOnnx needs ${packageName} (npm install ${packageName}): ${error.message.split('\n')[0]}`,
        );
      },
    );
    return runtime;
  };
}
