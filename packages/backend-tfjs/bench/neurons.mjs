// `node bench/neurons.mjs [backend...]`: what a neuron layer's time-step loop costs next to the
// layer's input MatMul, to decide where a fused sequence kernel would pay. For each neuron, T steps
// of its core step function over [B, H] input currents, forward + backward (the gradient of
// sum(spikes + membrane) with respect to the currents), against one [T*B, IN] x [IN, H] MatMul with its
// gradient (the feed-forward layer feeding it, SpikingJelly's multi-step form) and the fused
// LIFSequence kernel core already has. Imports the built packages: run `pnpm build` first.

import { registerTfjsBackends } from '@snn/backend-tfjs';
import * as snn from '@snn/core';

const T = 32;
const B = 256;
const IN = 784;
const H = 100;

const loop = (step, pick) => (cur) => {
  let s = null;
  let total = snn.zeros([]);
  for (const xt of snn.unstack(cur, 0)) {
    const [z, next] = step(xt, s);
    total = snn.add(total, snn.add(snn.sum(z), snn.sum(pick(next))));
    s = next;
  }
  return total;
};

const NEURONS = {
  'MatMul [T*B, 784] x [784, 100] (the layer input)': null,
  'LIF fused LIFSequence kernel (Norse)': (cur) => {
    const r = snn.lifFeedForwardSequence(cur, null, { tauMemInv: 100, vTh: 0.5 });
    return snn.add(snn.sum(r.z), snn.sum(r.v));
  },
  'LIF step loop (Norse lifFeedForwardStep)': loop(
    (x, s) => snn.lifFeedForwardStep(x, s, { vTh: 0.5 }),
    (s) => s.v,
  ),
  'Leaky (snnTorch)': loop(
    (x, m) => snn.leakyStep(x, m, { beta: 0.9, threshold: 0.5 }),
    (m) => m,
  ),
  'Alpha (snnTorch)': loop(
    (x, s) => snn.alphaStep(x, s, { alpha: 0.9, beta: 0.8, threshold: 0.5 }),
    (s) => s.mem,
  ),
  'LIFBox (Norse)': loop(
    (x, s) => snn.lifBoxFeedForwardStep(x, s, { vTh: 0.5 }),
    (s) => s.v,
  ),
  'LIFAdEx (Norse)': loop(
    (x, s) => snn.lifAdExFeedForwardStep(x, s, { vTh: 0.5 }),
    (s) => s.v,
  ),
  'LSNN (Norse)': loop(
    (x, s) => snn.lsnnFeedForwardStep(x, s),
    (s) => s.v,
  ),
  'ParametricLIFNode (SpikingJelly)': (cur) => {
    const r = snn.parametricLIFNode(cur, null, { vThreshold: 0.5 });
    return snn.add(snn.sum(r.spikes), snn.sum(r.v));
  },
  'IzhikevichNode (SpikingJelly)': (cur) => {
    const r = snn.izhikevichNode(cur, null, { a: 0.1, b: 0.2 });
    return snn.add(snn.sum(r.spikes), snn.sum(r.v));
  },
};

async function time(fn, minMs) {
  await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || n < 3) {
    await fn();
    n++;
  }
  return (performance.now() - start) / n;
}

export async function benchNeurons(backends, minMs = 2000) {
  const rows = [];
  for (const name of backends) {
    await snn.setBackend(name);
    const x = snn.tidy(() => snn.cast(snn.less(snn.randomUniform([T * B, IN], { seed: 1 }), 0.2), 'float32'));
    const w = snn.variable(snn.randomUniform([IN, H], { seed: 2, low: -0.02, high: 0.08 }));
    const cur = snn.variable(snn.tidy(() => snn.reshape(snn.matMul(x, w), [T, B, H])));
    let matmulMs = 0;
    for (const [neuron, f] of Object.entries(NEURONS)) {
      const run = async () => {
        const { value, grads } =
          f === null
            ? snn.valueAndGrads(() => snn.sum(snn.matMul(x, w)), [w])
            : snn.valueAndGrads(() => f(cur), [cur]);
        await value.data();
        await grads[0].data();
        snn.dispose([value, ...grads]);
      };
      const ms = await time(run, minMs);
      if (f === null) matmulMs = ms;
      rows.push({
        backend: name,
        neuron,
        'ms (fwd+bwd)': ms.toFixed(1),
        'x the MatMul': (ms / matmulMs).toFixed(2),
      });
    }
    snn.dispose([x, w, cur]);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  registerTfjsBackends();
  const backends = process.argv.slice(2);
  console.log(`Neuron layers, T ${T}, [${B}, ${H}], forward + backward, next to their input MatMul`);
  console.table(await benchNeurons(backends.length ? backends : ['tfjs-wasm']));
}
