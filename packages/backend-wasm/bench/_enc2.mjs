import * as snn from '@snn/core';
import { createWasmBackend } from '@snn/backend-wasm';
const { constantCurrentLIFEncode } = await import(new URL('../../encoders/dist/index.js', import.meta.url).href);
snn.registerBackend('wasm', () => createWasmBackend({ threads: 1 }), 50);
await snn.setBackend('wasm');
// MNIST-like currents: 80 % background (-0.42), the rest bright
const vals = Float32Array.from({ length: 256 * 784 }, () => (Math.random() < 0.8 ? -0.4242 : 2.8));
const x = snn.tensor(vals, [256, 784]);
function bench(label, f) {
  let best = 1e9;
  for (let r = 0; r < 12; r++) {
    const c0 = process.cpuUsage();
    const z = snn.noGrad(f);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
    z.dispose();
  }
  console.log(label.padEnd(40), best.toFixed(2), 'ms cpu (min)');
}
bench('whole sequence (one LIFSequence T=32)', () => constantCurrentLIFEncode(x, 32));
bench('32 steps of lifCurrentEncoder + stack', () => snn.tidy(() => {
  let v = snn.zerosLike(x);
  const zs = [];
  for (let t = 0; t < 32; t++) {
    const [z, vn] = snn.lifCurrentEncoder(x, v);
    zs.push(z);
    v = vn;
  }
  return snn.stack(zs, 0);
}));
process.exit(0);
