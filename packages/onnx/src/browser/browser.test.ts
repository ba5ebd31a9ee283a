import { expectClose } from '@snn/core/testing';
import { ConstantCurrentLIFEncoder } from '@snn/encoders';
import { manualSeed, maxLogSoftmax, RecurrentSNN } from '@snn/modules';
import { exportOnnx } from '../export/export-onnx.js';
import { loadOnnx as loadNode } from '../node/load-onnx.js';
import { loadOnnx } from './index.js';

/*
 * The browser entry's loadOnnx over onnxruntime-web (its WebAssembly backend, run here in Node):
 * the same predictions as onnxruntime-node on the same file.
 */

it('onnxruntime-web predicts what onnxruntime-node does', async () => {
  manualSeed(3);
  const bytes = await exportOnnx(new RecurrentSNN(10, 12, 3), {
    inputShape: [10],
    encoder: new ConstantCurrentLIFEncoder(12),
    decoder: maxLogSoftmax,
  });
  const x = Float32Array.from({ length: 9 * 10 }, (_, i) => ((i * 13) % 17) / 5);
  const web = await loadOnnx(bytes, { batchSize: 4, intraOpNumThreads: 1 });
  const node = await loadNode(bytes);
  try {
    const a = await web.predict(x);
    const b = await node.predict(x);
    expect(a.samples).toBe(9);
    expectClose(a.scores, b.scores, 'web scores', 0, 1e-5);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  } finally {
    await web.release();
    await node.release();
  }
});
