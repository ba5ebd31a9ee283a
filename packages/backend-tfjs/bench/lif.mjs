// Training throughput of a 32-step LIF-like network (784 -> 100 spiking -> 10, batch 256) through
// @snn/core: forward + backward (valueAndGrads) + an SGD step, per backend, in samples/s.
// Imports the built packages: run `pnpm build` in core and here first (the `bench` script does).

import { registerTfjsBackends } from '@snn/backend-tfjs';
import * as snn from '@snn/core';

const T = 32;
const B = 256;
const IN = 784;
const H = 100;
const OUT = 10;
const LR = 0.05;

/** Heaviside forward, SuperSpike surrogate (alpha 100) backward, as Norse's default. */
const spikeFn = snn.customGrad((x) => ({
  value: snn.spike(x),
  gradFunc: (dy, [saved]) => snn.div(dy, snn.square(snn.add(snn.mul(snn.abs(saved), 100), 1))),
}));

/** One step at a time: about 10 kernels per step forward, each with its own tape entry. */
function lifLoss(_x, xs, w1, w2, target) {
  let v = snn.zeros([B, H]);
  let i = snn.zeros([B, H]);
  let out = snn.zeros([B, OUT]);
  for (let t = 0; t < T; t++) {
    // Norse's LIF feed-forward step with dt*tau_mem_inv = 0.1, dt*tau_syn_inv = 0.2, v_th 1.
    const vd = snn.add(v, snn.mul(snn.sub(i, v), 0.1));
    i = snn.add(snn.mul(i, 0.8), snn.matMul(xs[t], w1));
    const z = spikeFn(snn.sub(vd, 1));
    v = snn.mul(vd, snn.sub(1, z));
    out = snn.add(out, snn.matMul(z, w2));
  }
  // Rate decoding: mean output over the T steps.
  return snn.mean(snn.square(snn.sub(snn.mul(out, 1 / T), target)));
}

/**
 * The same layer in SpikingJelly's multi-step style: one MatMul over all T*B rows, core's
 * lifFeedForwardSequence (one LIFSequence kernel forward, one LIFSequenceGrad backward; Norse's
 * defaults give the same dt*tau factors as above, and its reset is detached), one MatMul out.
 */
function fusedLoss(x, _xs, w1, w2, target) {
  const cur = snn.reshape(snn.matMul(snn.reshape(x, [T * B, IN]), w1), [T, B, H]);
  const { z } = lifFeedForwardSequence(cur, null, { vTh: 1, method: 'super', alpha: 100 });
  const out = snn.sum(snn.reshape(snn.matMul(snn.reshape(z, [T * B, H]), w2), [T, B, OUT]), 0);
  return snn.mean(snn.square(snn.sub(snn.mul(out, 1 / T), target)));
}

const { lifFeedForwardSequence } = snn;

/** The formulations to time. */
export const MODELS = { 'per-step loop': lifLoss, 'fused LIFSequence': fusedLoss };

export async function benchLif(backends, minMs = 3000, models = MODELS) {
  const rows = [];
  for (const [model, lossFn] of Object.entries(models))
    for (const name of backends) {
      await snn.setBackend(name);
      // Inputs as spikes at about 20 % density, as an encoder would produce.
      const x = snn.tidy(() =>
        snn.cast(snn.less(snn.randomUniform([T, B, IN], { seed: 1 }), 0.2), 'float32'),
      );
      const xs = snn.unstack(x, 0);
      let w1 = snn.variable(snn.randomUniform([IN, H], { seed: 2, low: -0.02, high: 0.08 }));
      let w2 = snn.variable(snn.randomUniform([H, OUT], { seed: 3, low: -0.3, high: 0.3 }));
      const target = snn.randomUniform([B, OUT], { seed: 4, low: 0, high: 0.5 });
      let loss = 0;
      const losses = [];
      const step = async () => {
        const { value, grads } = snn.valueAndGrads(() => lossFn(x, xs, w1, w2, target), [w1, w2]);
        const [n1, n2] = snn.tidy(() => [
          snn.sub(w1, snn.mul(grads[0], LR)),
          snn.sub(w2, snn.mul(grads[1], LR)),
        ]);
        loss = (await value.data())[0];
        losses.push(loss);
        snn.dispose([value, ...grads, w1, w2]);
        w1 = snn.variable(n1);
        w2 = snn.variable(n2);
        snn.dispose([n1, n2]);
      };
      await step(); // warm-up: kernel setup, XNNPACK operator caches
      let steps = 0;
      const t0 = performance.now();
      while (steps < 1 || performance.now() - t0 < minMs) {
        await step();
        steps++;
      }
      const ms = (performance.now() - t0) / steps;
      rows.push({
        model,
        backend: name,
        'ms/step': Math.round(ms),
        'samples/s': Math.round((B * 1000) / ms),
        'first loss': losses[0].toFixed(4),
        'last loss': loss.toFixed(4),
        steps: steps + 1,
      });
      snn.dispose([x, ...xs, w1, w2, target]);
    }
  const base = rows.find((r) => r.backend === 'reference');
  if (base)
    for (const r of rows) r['vs reference loop'] = `${(r['samples/s'] / base['samples/s']).toFixed(1)}x`;
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  registerTfjsBackends();
  console.table(
    await benchLif(
      process.argv.slice(2).length ? process.argv.slice(2) : ['reference', 'tfjs-cpu', 'tfjs-wasm'],
    ),
  );
}
