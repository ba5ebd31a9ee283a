// Training throughput of the Norse MNIST tutorial's recurrent SNN (ConstantCurrentLIFEncoder(32) ->
// LIFRecurrentCell(784 -> 100) -> Linear(100 -> 10) -> LICell -> max over time -> log_softmax -> nll,
// Adam) on real MNIST batches of 256, per backend, in samples/s. Mirrors @snn/core/testing's norse-recurrent.ts.
// Imports the built packages (the `bench` script builds them first).
import { registerTfjsBackends } from '@snn/backend-tfjs';
import * as snn from '@snn/core';
import { DataLoader, loadMnist } from '@snn/data-mnist';

const { lifCurrentEncoder, lifStep, liFeedForwardStep } = snn;

const T = 32;
const HIDDEN = 100;
const BATCH = 256;

function createNet(seed) {
  const std = Math.sqrt(2 / HIDDEN);
  return snn.tidy(() => ({
    wIn: snn.variable(snn.randomNormal([HIDDEN, 784], { seed, std })),
    wRec: snn.variable(snn.randomNormal([HIDDEN, HIDDEN], { seed: seed + 1, std })),
    wOut: snn.variable(snn.randomNormal([10, HIDDEN], { seed: seed + 2, std })),
    noSelf: snn.keep(
      snn.tensor(
        Array.from({ length: HIDDEN * HIDDEN }, (_, k) => (Math.floor(k / HIDDEN) === k % HIDDEN ? 0 : 1)),
        [HIDDEN, HIDDEN],
      ),
    ),
  }));
}

function maxOverTime(seq) {
  const first = snn.oneHot(snn.argMax(seq, 0), seq.shape[0]);
  return snn.sum(snn.mul(seq, snn.transpose(first, [2, 0, 1])), 0);
}

function norseLoss([wIn, wRec, wOut], noSelf, images, labels) {
  let ve = snn.zeros(images.shape);
  let s = null;
  let ro = null;
  const rec = snn.mul(wRec, noSelf);
  const vs = [];
  for (let t = 0; t < T; t++) {
    const [encoded, v] = lifCurrentEncoder(images, ve);
    ve = v;
    const [z, next] = lifStep(encoded, s, wIn, rec, { alpha: 100, vTh: 0.5 });
    s = next;
    const [out, roNext] = liFeedForwardStep(snn.matMul(z, wOut, false, true), ro);
    ro = roNext;
    vs.push(out);
  }
  const logP = snn.logSoftmax(maxOverTime(snn.stack(vs)), -1);
  return snn.neg(snn.mean(snn.sum(snn.mul(logP, snn.oneHot(labels, 10)), -1)));
}

export async function benchNorse(backends, minMs = 5000) {
  // $SNN_MNIST_DIR, else the user cache (where `npm run demo` downloads MNIST); never downloads here.
  const mnist = await loadMnist({ split: 'train', download: false });
  const loader = new DataLoader(mnist.take(BATCH * 40), { batchSize: BATCH, shuffle: true, seed: 1 });
  const batches = [...loader.epoch(0)];
  const rows = [];
  for (const name of backends) {
    await snn.setBackend(name);
    const net = createNet(7);
    let params = [net.wIn, net.wRec, net.wOut];
    const m = params.map((p) => snn.zerosLike(p));
    const v = params.map((p) => snn.zerosLike(p));
    const losses = [];
    let step = 0;
    const train = async () => {
      const b = batches[step % batches.length];
      step++;
      const images = snn.tensor(b.images, [BATCH, 784]);
      const labels = snn.tensor(Int32Array.from(b.labels), [BATCH], 'int32');
      const { value, grads } = snn.valueAndGrads(() => norseLoss(params, net.noSelf, images, labels), params);
      const next = params.map((p, k) => {
        const [np, nm, nv] = snn.adamUpdate(p, grads[k], m[k], v[k], {
          lr: 2e-3,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0,
          step,
        });
        snn.dispose([m[k], v[k]]);
        m[k] = nm;
        v[k] = nv;
        return np;
      });
      losses.push((await value.data())[0]);
      snn.dispose([value, ...grads, ...params, images, labels]);
      params = next;
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
    snn.dispose([...params, ...m, ...v, net.noSelf]);
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
