// Per-kernel timings of this backend on the shapes the tutorial networks use, straight through the
// KernelBackend interface (no engine): dense against event-driven products at several spike
// densities (the cut-over), elementwise and neuron kernels. Development micro-benchmark.
// Usage: node bench/kernels.mjs [threads] [filter]
import { createWasmBackend } from '@snn/backend-wasm';

const threads = Number(process.argv[2] ?? 1);
const filter = process.argv[3];
const b = await createWasmBackend({ threads, spikeDensityCutover: 1 });
const info = (values, shape) => ({ dataId: b.write(values, shape, 'float32'), shape, dtype: 'float32' });
const rand = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
const spikes = (n, p) => Float32Array.from({ length: n }, () => (Math.random() < p ? 1 : 0));

// On a shared machine wall time mostly measures the other tenants: CPU time (all threads of this
// process) per call is printed beside it; with one thread it is the unloaded wall time.
function time(label, fn, minMs = 150) {
  if (filter && !label.includes(filter)) return;
  for (let i = 0; i < 3; i++) b.disposeData(fn().dataId);
  let reps = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  while (performance.now() - t0 < minMs) {
    b.disposeData(fn().dataId);
    reps++;
  }
  const us = ((performance.now() - t0) * 1000) / reps;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / reps;
  console.log(
    `${label.padEnd(56)} wall ${us.toFixed(1).padStart(9)} us   cpu ${cpu.toFixed(1).padStart(9)} us`,
  );
  return cpu;
}

const k = b.kernels;
for (const [M, K, N, label] of [
  [256, 784, 100, 'input layer'],
  [8192, 784, 100, 'input layer, all T'],
  [256, 100, 100, 'recurrent'],
  [6400, 784, 10, 'spikingjelly (T*B rows)'],
  [3200, 1000, 10, 'snntorch fc2 (T*B rows)'],
  [256, 800, 500, 'norse-conv fc1'],
]) {
  const w = info(rand(N * K), [N, K]);
  const dy = info(rand(M * N), [M, N]);
  for (const p of [0.03, 0.1, 0.2, 0.4]) {
    const a = info(spikes(M * K, p), [M, K]);
    const zero = info(new Float32Array(1), []);
    // A new tensor with a's values: no cached spike lists.
    const fresh = () => k.Add({ a, b: zero }, {});
    time(`${label} x W^T dense           p=${p}`, () =>
      k.MatMul({ a, b: w }, { transposeA: false, transposeB: true }),
    );
    time(`${label} x W^T event (+index)  p=${p}`, () => {
      const x = fresh();
      const y = k.SpikeMatMul({ a: x, b: w }, { transposeA: false, transposeB: true });
      b.disposeData(x.dataId);
      return y;
    });
    time(`${label} x W^T event (cached)  p=${p}`, () =>
      k.SpikeMatMul({ a, b: w }, { transposeA: false, transposeB: true }),
    );
    time(`${label} dW = x^T dy dense     p=${p}`, () =>
      k.MatMul({ a, b: dy }, { transposeA: true, transposeB: false }),
    );
    time(`${label} dW = x^T dy event     p=${p}`, () =>
      k.SpikeMatMul({ a, b: dy }, { transposeA: true, transposeB: false }),
    );
    b.disposeData(a.dataId);
  }
}
const n = 256 * 100;
const x = info(rand(n), [256, 100]);
const y = info(rand(n), [256, 100]);
const row = info(rand(100), [100]);
time('Add [256,100] + [256,100]', () => k.Add({ a: x, b: y }, {}));
time('Add [256,100] + [100]', () => k.Add({ a: x, b: row }, {}));
const big = info(rand(256 * 784), [256, 784]);
time('Mul [256,784] * [256,784]', () => k.Mul({ a: big, b: big }, {}));
const seq = info(rand(32 * n), [32, 256, 100]);
const v0 = info(rand(n), [256, 100]);
const attrs = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 1,
  vReset: 0,
  dt: 0.001,
  surrogate: 'superspike',
  alpha: 100,
  detachReset: false,
};
const enc = info(rand(256 * 784), [1, 256, 784]);
const ev0 = info(rand(256 * 784), [256, 784]);
time('LIFSequence T=1 [256,784] (encoder step)', () => {
  const outs = k.LIFSequence({ x: enc, v0: ev0, i0: ev0 }, attrs);
  for (const o of outs.slice(1)) b.disposeData(o.dataId);
  return outs[0];
});
time('LIFSequence T=32 [256,100]', () => {
  const outs = k.LIFSequence({ x: seq, v0, i0: v0 }, attrs);
  for (const o of outs.slice(1)) b.disposeData(o.dataId);
  return outs[0];
});
const c1x = info(spikes(256 * 784, 0.03), [256, 1, 28, 28]);
const c1w = info(rand(20 * 25), [20, 1, 5, 5]);
time('conv1 [256,1,28,28]*[20,1,5,5] dense', () =>
  k.Conv2D({ x: c1x, w: c1w }, { strides: [1, 1], pads: [0, 0, 0, 0] }),
);
time('conv1 event p=0.03', () =>
  k.Conv2D({ x: c1x, w: c1w }, { strides: [1, 1], pads: [0, 0, 0, 0], spikeInput: true }),
);
const c2x = info(spikes(256 * 20 * 144, 0.01), [256, 20, 12, 12]);
const c2w = info(rand(50 * 20 * 25), [50, 20, 5, 5]);
const c2dy = info(rand(256 * 50 * 64), [256, 50, 8, 8]);
time('conv2 [256,20,12,12]*[50,20,5,5] dense', () =>
  k.Conv2D({ x: c2x, w: c2w }, { strides: [1, 1], pads: [0, 0, 0, 0] }),
);
time('conv2 event p=0.01', () =>
  k.Conv2D({ x: c2x, w: c2w }, { strides: [1, 1], pads: [0, 0, 0, 0], spikeInput: true }),
);
time('conv2 backprop input', () =>
  k.Conv2DBackpropInput(
    { dy: c2dy, w: c2w },
    { xShape: [256, 20, 12, 12], strides: [1, 1], pads: [0, 0, 0, 0] },
  ),
);
time('conv2 backprop filter dense', () =>
  k.Conv2DBackpropFilter(
    { x: c2x, dy: c2dy },
    { wShape: [50, 20, 5, 5], strides: [1, 1], pads: [0, 0, 0, 0] },
  ),
);
time('conv2 backprop filter event p=0.01', () =>
  k.Conv2DBackpropFilter(
    { x: c2x, dy: c2dy },
    { wShape: [50, 20, 5, 5], strides: [1, 1], pads: [0, 0, 0, 0], spikeInput: true },
  ),
);
b.dispose();
process.exit(0);
