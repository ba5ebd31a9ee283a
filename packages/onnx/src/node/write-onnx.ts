import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes model bytes to `path` atomically (a temp file beside it, then a rename): a crash never
 * leaves a half-written model.
 *
 * @param path - The `.onnx` file to write (replaced if it exists).
 * @param bytes - What `exportOnnx` returned.
 * @example
 * ```ts
 * const model = new RecurrentSNN(784, 100, 10);
 * const bytes = await exportOnnx(model, { inputShape: [784], encoder: new ConstantCurrentLIFEncoder(32), decoder: maxLogSoftmax });
 * await writeOnnx('model.onnx', bytes); // Python: onnxruntime.InferenceSession('model.onnx')
 * ```
 */
export async function writeOnnx(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
