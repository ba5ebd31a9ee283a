import type { ImageDataset } from '@snn/data-mnist/browser';
import { loadOnnx, type OnnxPredictor } from '@snn/onnx/browser';
import { ONNX_META } from 'mnist-demo/shared';
import { env } from 'onnxruntime-web';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { OnnxInfo } from '../protocol.js';

/*
 * An exported model (`mnist-demo export-onnx`) run by onnxruntime-web, beside the @snn network: no
 * @snn code computes its numbers. onnxruntime-web's WebAssembly binary is an asset of this site (the
 * bundler emits it; no CDN) and runs on one thread: its thread pool starts workers from the
 * runtime's own script URL, which a bundled module worker does not have (the same trap as
 * TensorFlow.js's threaded build).
 */
env.wasm.wasmPaths = { wasm: wasmUrl };
env.wasm.numThreads = 1;
env.wasm.proxy = false;

/** What the page says runs the model. */
export const ONNX_RUNTIME = 'onnxruntime-web (WebAssembly, 1 thread)';

/** Samples per onnxruntime run, as `mnist-demo infer` (its --batch-size default). */
const BATCH_SIZE = 1000;

export class OnnxModel {
  private constructor(
    private readonly predictor: OnnxPredictor,
    readonly info: OnnxInfo,
  ) {}

  /** Loads a file `mnist-demo export-onnx` wrote; other files are refused with the reason. */
  static async load(name: string, bytes: Uint8Array): Promise<OnnxModel> {
    const predictor = await loadOnnx(bytes, { batchSize: BATCH_SIZE, executionProviders: ['wasm'] });
    const model = predictor.info;
    const meta = predictor.metadata;
    const refuse = async (why: string) => {
      await predictor.release();
      throw new Error(`${name}: ${why}`);
    };
    if (!model || !meta[ONNX_META.preset]) {
      return refuse('not written by `mnist-demo export-onnx` (no preset in its metadata)');
    }
    if (model.input.layout !== 'image' || model.input.dtype !== 'uint8') {
      // Stochastic encoders (rate, poisson) are exported with their spike train as the input.
      return refuse(
        `this model takes ${meta[ONNX_META.encoder] ?? 'encoded'} spike trains, not pixels: the page runs exports of networks trained with a deterministic encoder (constant-current, spike-latency, direct)`,
      );
    }
    return new OnnxModel(predictor, {
      name,
      preset: meta[ONNX_META.preset],
      encoder: meta[ONNX_META.encoder] ?? model.encoder,
      form: model.form,
      steps: model.steps,
      runtime: ONNX_RUNTIME,
    });
  }

  release(): Promise<void> {
    return this.predictor.release();
  }

  /** Class scores of 28x28 images (raw MNIST bytes, 0..255; the file normalises them). */
  async predict(pixels: Uint8Array): Promise<{ scores: Float32Array; labels: Int32Array; classes: number }> {
    const r = await this.predictor.predict(pixels);
    return { scores: r.scores, labels: r.labels, classes: r.classes };
  }

  /** Test accuracy (%) on the first `limit` test images, rounded as `mnist-demo infer` rounds it. */
  async evaluate(
    test: ImageDataset,
    limit: number,
  ): Promise<{ accuracy: number; samples: number; seconds: number }> {
    const n = Math.min(limit, test.length);
    const t0 = performance.now();
    const { labels } = await this.predict(test.images.subarray(0, n * 784));
    let correct = 0;
    for (let i = 0; i < n; i++) if (labels[i] === test.labels[i]) correct++;
    return {
      accuracy: Number(((100 * correct) / n).toFixed(2)),
      samples: n,
      seconds: (performance.now() - t0) / 1000,
    };
  }
}
