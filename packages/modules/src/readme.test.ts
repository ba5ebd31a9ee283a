import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// README-EXAMPLE-START
import { tensor } from '@snn/core';
import { PoissonEncoder } from '@snn/encoders';
import { Adam, EncoderSNNDecoder, fit, manualSeed, maxLogSoftmax, RecurrentSNN } from '@snn/modules';

manualSeed(0); // weights reproduce run to run
const T = 32;
// Norse tutorial: Model(encoder, SNN(28*28, 100, 10), decode)
const model = new EncoderSNNDecoder(
  new PoissonEncoder(T, 100, 0.001, { seed: 1 }),
  new RecurrentSNN(28 * 28, 100, 10), // l1: LIFRecurrentCell, fc_out: Linear, out: LICell
  maxLogSoftmax, // max over time, then log_softmax
);
const optimizer = new Adam(model.parameters(), { lr: 2e-3 });

// Stand-in data: 2 batches of 16 images in [0, 1] with labels (use @snn/data-mnist for MNIST).
const images = Float32Array.from({ length: 32 * 784 }, (_, i) => ((i * 7919) % 1000) / 1000);
const labels = Int32Array.from({ length: 32 }, (_, i) => i % 10);
function* batches() {
  for (let b = 0; b < 2; b++) {
    yield {
      x: tensor(images.subarray(b * 16 * 784, (b + 1) * 16 * 784), [16, 1, 28, 28]),
      y: tensor(labels.subarray(b * 16, (b + 1) * 16), [16], 'int32'),
    };
  }
}
const { history } = await fit({
  model,
  optimizer,
  epochs: 1,
  trainBatches: batches,
  evalBatches: batches,
  onBatch: ({ batch, loss, samplesPerSecond }) =>
    console.log(`batch ${batch}: loss ${loss.toFixed(3)}, ${samplesPerSecond.toFixed(0)} samples/s`),
});
console.log(history[0].eval); // { loss: ..., accuracy: ... }
// README-EXAMPLE-END

const here = dirname(fileURLToPath(import.meta.url));

describe('README example', () => {
  it('is this file, verbatim', () => {
    const readme = readFileSync(resolve(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const example = source.slice(
      source.indexOf('// README-EXAMPLE-START\n') + '// README-EXAMPLE-START\n'.length,
      source.indexOf('// README-EXAMPLE-END'),
    );
    expect(block).toBe(example);
  });

  it('trained one epoch and evaluated', () => {
    expect(history).toHaveLength(1);
    expect(Number.isFinite(history[0].trainLoss)).toBe(true);
    expect(history[0].eval?.accuracy).toBeGreaterThanOrEqual(0);
  });
});
