import * as snn from '@snn/core';
const { constantCurrentLIFEncode } = await import(new URL('../../encoders/dist/index.js', import.meta.url).href);
import { createWasmBackend } from '@snn/backend-wasm';
snn.registerBackend('wasm', () => createWasmBackend({ threads: 1 }), 50);
await snn.setBackend('wasm');
const x = snn.randomUniform([256, 784], { seed: 1, low: -0.5, high: 2.8 });
let best = 1e9;
for (let r = 0; r < 15; r++) {
  const c0 = process.cpuUsage();
  const z = snn.noGrad(() => constantCurrentLIFEncode(x, 32));
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1000);
  z.dispose();
}
console.log('encoder [32,256,784] cpu ms (min)', best.toFixed(2));
const s = snn.noGrad(() => constantCurrentLIFEncode(x, 32));
const w = snn.variable(snn.randomUniform([100, 784], { seed: 2 }));
best = 1e9;
for (let r = 0; r < 15; r++) {
  const s2 = snn.maximum(s, s); // fresh data, same spikes (no cached lists)
  const c0 = process.cpuUsage();
  const y = snn.matMul(snn.reshape(s2, [8192, 784]), w, false, true);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1000);
  y.dispose(); s2.dispose();
}
console.log('input layer spikes [8192,784] x W^T incl. index, cpu ms (min)', best.toFixed(2), 'binary', snn.maximum(s, s).binary);
process.exit(0);
