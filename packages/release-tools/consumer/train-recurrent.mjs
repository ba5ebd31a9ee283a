// Runs inside a fresh project that installed @snn/* from the local registry (no workspace around
// it): trains the Norse recurrent preset (ConstantCurrentLIFEncoder(32) -> LIFRecurrentCell(784,100)
// -> Linear(100,10) -> LICell, max-over-time log-softmax, Adam 2e-3) for a few MNIST batches from
// $SNN_MNIST_DIR on each installed backend (@snn/backend-wasm's kernels, whose .wasm and worker must
// load from node_modules, then the tfjs backend), and runs one inference. Prints one JSON line; exits
// 1 on a non-finite loss, weights that did not move, or predictions that are not class indices.

import { registerTfjsBackends } from '@snn/backend-tfjs';
import { registerWasmBackend } from '@snn/backend-wasm';
import { argMax, backendName, removeBackend, setBackend, tensor } from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';
import { ConstantCurrentLIFEncoder } from '@snn/encoders';
import { Adam, EncoderSNNDecoder, fit, manualSeed, maxLogSoftmax, RecurrentSNN } from '@snn/modules';

const BATCHES = 3;
const BATCH_SIZE = 32;

registerTfjsBackends();
registerWasmBackend();

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

/** Trains the preset for BATCHES batches on `name`, then predicts 16 test images. */
async function trainOn(name) {
  await setBackend(name);
  manualSeed(0);
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
  return { backend: backendName(), losses, predictions, problems: problems.map((p) => `${name}: ${p}`) };
}

const wasm = await trainOn('wasm');
// The wasm backend's worker threads end with it; then the best tfjs backend that starts.
removeBackend('wasm');
const tfjs = await trainOn('tfjs-wasm');
const problems = [...wasm.problems, ...tfjs.problems];
console.log(
  JSON.stringify({ backends: [wasm, tfjs].map(({ backend, losses }) => ({ backend, losses })), problems }),
);
process.exit(problems.length ? 1 : 0);
