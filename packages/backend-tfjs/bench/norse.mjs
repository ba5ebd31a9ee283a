// Training throughput of the Norse MNIST tutorial's recurrent SNN (ConstantCurrentLIFEncoder(32) ->
// LIFRecurrentCell(784 -> 100) -> Linear(100 -> 10) -> LICell -> max over time -> log_softmax -> nll,
// Adam) on real MNIST batches of 256, per backend, in samples/s: @snn/modules' RecurrentSNN and Adam,
// @snn/encoders' encoder, as a user writes it. Imports the built packages (the `bench` script builds them first).
import { registerTfjsBackends } from '@snn/backend-tfjs';
import * as snn from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';
import { constantCurrentLIFEncode } from '@snn/encoders';
import { Adam, computeGradients, maxLogSoftmax, nllLoss, RecurrentSNN } from '@snn/modules';

const T = 32;
const HIDDEN = 100;
const BATCH = 256;

export async function benchNorse(backends, minMs = 5000) {
  // $SNN_MNIST_DIR, else the user cache (where `npm run demo` downloads MNIST); never downloads here.
  const mnist = await loadMnist({ split: 'train', download: false });
  const loader = new DataLoader(mnist.take(BATCH * 40), { batchSize: BATCH, shuffle: true, seed: 1 });
  const batches = [...loader.epoch(0)];
  const rows = [];
  for (const name of backends) {
    await snn.setBackend(name);
    const net = new RecurrentSNN(784, HIDDEN, 10, { p: { alpha: 100, vTh: 0.5 }, seed: 7 });
    const optimizer = new Adam(net.parameters(), { lr: 2e-3 });
    const losses = [];
    let step = 0;
    const train = async () => {
      const b = batches[step % batches.length];
      step++;
      const loss = snn.tidy(() => {
        const spikes = constantCurrentLIFEncode(snn.tensor(b.images, [BATCH, 784]), T);
        const labels = snn.tensor(Int32Array.from(b.labels), [BATCH], 'int32');
        return computeGradients(() => nllLoss(maxLogSoftmax(net.forward(spikes)), labels), net.parameters());
      });
      optimizer.step();
      optimizer.zeroGrad();
      losses.push((await loss.data())[0]);
      loss.dispose();
    };
    await train(); // warm-up
    let steps = 0;
    const t0 = performance.now();
    while (steps < 1 || performance.now() - t0 < minMs) {
      await train();
      steps++;
    }
    const ms = (performance.now() - t0) / steps;
    rows.push({
      backend: name,
      'ms/step': Math.round(ms),
      'samples/s': Math.round((BATCH * 1000) / ms),
      steps: steps + 1,
      'first loss': losses[0].toFixed(4),
      'last loss': losses[losses.length - 1].toFixed(4),
    });
    net.dispose();
    optimizer.dispose();
  }
  const base = rows.find((r) => r.backend === 'reference');
  if (base) for (const r of rows) r['vs reference'] = `${(r['samples/s'] / base['samples/s']).toFixed(1)}x`;
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  registerTfjsBackends();
  const names = process.argv.slice(2);
  console.table(await benchNorse(names.length ? names : ['reference', 'tfjs-cpu', 'tfjs-wasm']));
}
