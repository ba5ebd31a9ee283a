import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// README-EXAMPLE-START
import { ConstantCurrentLIFEncoder } from '@snn/encoders';
import { maxLogSoftmax, RecurrentSNN } from '@snn/modules';
import { exportOnnx, loadOnnx, writeOnnx } from '@snn/onnx';

const model = new RecurrentSNN(784, 100, 10); // Norse's tutorial SNN; train it first (see @snn/modules)
const encoder = new ConstantCurrentLIFEncoder(32); // pixels -> spikes, inside the graph
const bytes = await exportOnnx(model, { inputShape: [784], encoder, decoder: maxLogSoftmax });
await writeOnnx('model.onnx', bytes); // a standard ONNX file, opset 17

const predictor = await loadOnnx('model.onnx', { intraOpNumThreads: 2, batchSize: 1000 });
const images = new Float32Array(2 * 784).fill(0.5); // 2 images, pixels in [0, 1]
const { labels, scores } = await predictor.predict(images); // Float32Array [n * 784] -> n classes
// README-EXAMPLE-END

const here = dirname(fileURLToPath(import.meta.url));
await predictor.release();
rmSync('model.onnx');

describe('README example', () => {
  it('is this file, verbatim, in ten lines', () => {
    const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const example = source.slice(
      source.indexOf('// README-EXAMPLE-START\n') + '// README-EXAMPLE-START\n'.length,
      source.indexOf('// README-EXAMPLE-END'),
    );
    expect(block).toBe(example);
    expect(
      example
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== ''),
    ).toHaveLength(10);
  });

  it('exported, loaded and classified the images', () => {
    expect(labels).toHaveLength(2);
    expect(scores).toHaveLength(20);
    expect(Array.from(labels).every((l) => l >= 0 && l < 10)).toBe(true);
  });
});
