// Runs inside a fresh project that installed @snn/* from the local registry (no workspace around
// it): trains the Norse recurrent preset (ConstantCurrentLIFEncoder(32) -> LIFRecurrentCell(784,100)
// -> Linear(100,10) -> LICell, max-over-time log-softmax, Adam 2e-3) for a few MNIST batches from
// $SNN_MNIST_DIR on the tfjs backend, then runs one inference. Prints one JSON line; exits 1 on a
// non-finite loss, weights that did not move, or predictions that are not class indices.

import { registerTfjsBackends } from '@snn/backend-tfjs';
import { argMax, backendName, ready, tensor } from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';
import { ConstantCurrentLIFEncoder } from '@snn/encoders';
import { Adam, EncoderSNNDecoder, fit, manualSeed, maxLogSoftmax, RecurrentSNN } from '@snn/modules';

const BATCHES = 3;
const BATCH_SIZE = 32;

registerTfjsBackends();
await ready();
manualSeed(0);

const dataDir = process.env.SNN_MNIST_DIR;
const train = await loadMnist({ split: 'train', dataDir, download: false });
const test = await loadMnist({ split: 'test', dataDir, download: false });
const toTensors = (batch) => ({
  x: tensor(batch.images, batch.shape),
  y: tensor(Int32Array.from(batch.labels), [batch.batchSize], 'int32'),
});
const trainBatches = function* () {
  const loader = new DataLoader(train.take(BATCHES * BATCH_SIZE), {
    batchSize: BATCH_SIZE,
    shuffle: true,
    seed: 42,
  });
  for (const batch of loader) yield toTensors(batch);
};

const model = new EncoderSNNDecoder(
  new ConstantCurrentLIFEncoder(32),
  new RecurrentSNN(28 * 28, 100, 10),
  maxLogSoftmax,
);
const before = await model.parameters()[0].value.data();
const losses = [];
await fit({
  model,
  optimizer: new Adam(model.parameters(), { lr: 2e-3 }),
  epochs: 1,
  trainBatches,
  onBatch: ({ loss }) => losses.push(loss),
});
const after = await model.parameters()[0].value.data();
const moved = after.some((v, i) => v !== before[i]);

const first = new DataLoader(test.take(16), { batchSize: 16 }).epoch(0).next().value;
const predictions = Array.from(await argMax(model.forward(toTensors(first).x), -1).data());

const problems = [];
if (losses.length !== BATCHES) problems.push(`trained ${losses.length} batches, expected ${BATCHES}`);
if (!losses.every(Number.isFinite)) problems.push(`non-finite loss: ${losses}`);
if (!moved) problems.push('the first weight tensor did not change in training');
if (predictions.length !== 16 || !predictions.every((p) => Number.isInteger(p) && p >= 0 && p < 10)) {
  problems.push(`inference gave ${JSON.stringify(predictions)}, not 16 class indices`);
}
console.log(JSON.stringify({ backend: backendName(), losses, predictions, problems }));
process.exit(problems.length ? 1 : 0);
