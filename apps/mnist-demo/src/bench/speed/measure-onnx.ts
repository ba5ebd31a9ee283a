import { dispose } from '@snn/core';
import type { ImageDataset } from '@snn/data-mnist';
import { manualSeed } from '@snn/modules';
import { exportOnnx, loadOnnx } from '@snn/onnx';
import { loadData } from '../../data/load-data.js';
import { buildNetwork } from '../../models/build-network.js';
import { presetExport } from '../../onnx/preset-export.js';
import { useBackend } from '../../runtime/backend.js';
import { encodedBatches, makeLoader, pixelStatsOf, STREAM } from '../../train/batches.js';
import { type ClockReading, cycleEpochs, timedBatches } from './batch-clock.js';
import type { Figure, FigureRequest } from './figure.js';
import { imagesNeeded, requestConfig, timedFigure } from './measure-ours.js';
import { ONNX_BACKEND } from './onnx-runner.js';

/** One batch as onnxruntime takes it: raw pixel bytes (the graph encodes) or a drawn spike train. */
type OnnxInput = Uint8Array | Float32Array;

/** Whole batches of raw test-image bytes, in order, `imagesPerBatch` x 784 bytes each. */
function* pixelBatches(test: ImageDataset, batchSize: number): Generator<OnnxInput> {
  const per = test.images.length / test.length;
  for (let start = 0; start + batchSize <= test.length; start += batchSize)
    yield test.images.subarray(start * per, (start + batchSize) * per);
}

/**
 * One inference figure of `npm run bench` for onnxruntime-node: the preset's network built and seeded as
 * `measureOurs` builds it, exported as `mnist-demo export-onnx` exports it (whole sequence, the
 * preset's encoder and decoder in the graph, raw pixel bytes in), and run on test batches at
 * `threads` intra-op threads. Presets with a stochastic encoder (spikingjelly-lif-fc's rate) take the
 * spike train as input: it is drawn by our `auto` backend inside the timed span, as ours and
 * PyTorch's loops encode inside theirs. Weights are the seeded initial ones: dense kernels take the
 * same time whatever the weights.
 */
export async function measureOnnx(r: FigureRequest, threads: number): Promise<Figure> {
  if (r.phase !== 'infer') throw new Error(`onnxruntime-node measures inference only, not ${r.phase}`);
  const config = requestConfig(r, 'auto');
  await useBackend('auto');
  const { test } = await loadData({
    dataset: 'mnist',
    dataDir: r.dataDir,
    train: false,
    limitTest: imagesNeeded(r, 10000),
    download: false,
  });
  manualSeed(config.seed);
  const network = buildNetwork(config);
  const stats = pixelStatsOf(test);
  const spec = presetExport(network, { config, pixelStats: stats }, 'sequence');
  const bytes = await exportOnnx(spec.network, spec.options);
  const predictor = await loadOnnx(bytes, { intraOpNumThreads: threads, batchSize: r.batchSize });
  try {
    const image = predictor.info?.input.layout === 'image';
    let source: Iterator<OnnxInput>;
    if (image) {
      source = cycleEpochs(() => pixelBatches(test, r.batchSize));
    } else {
      const loader = makeLoader(test, config, false, stats);
      source = cycleEpochs(function* (e) {
        for (const batch of encodedBatches(loader, config, network.inputLayout, e, STREAM.eval)) {
          const spikes = batch.x.dataSync() as Float32Array;
          dispose([batch.x, batch.y]);
          yield spikes;
        }
      });
    }
    const reading: ClockReading = { start: 0, end: 0, timed: 0 };
    for (const input of timedBatches(source, r, reading)) {
      await predictor.predict(input, image ? {} : { steps: r.steps });
    }
    return {
      ...timedFigure(r, reading, { runner: 'onnx', backend: ONNX_BACKEND, threads }),
      model_bytes: bytes.length,
    };
  } finally {
    await predictor.release();
  }
}
