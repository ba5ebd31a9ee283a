// Backprop time of an unrolled recurrent spiking network over T steps, on the reference backend.
// The tape is linear and walked once in reverse, so time per step should stay flat as T grows
// (a recursive per-path backward would grow exponentially). Run with `pnpm bench` (builds first).
// The script runs node with a larger young generation (--max-semi-space-size=128): with V8's
// default, the garbage collector's cost grows with the heap that a long unrolled graph keeps alive,
// which shows up at T = 200 in the forward pass as much as in the backward one.
import {
  abs,
  add,
  customGrad,
  detach,
  dispose,
  div,
  matMul,
  memory,
  mul,
  noGrad,
  randomNormal,
  randomUniform,
  spike,
  square,
  sub,
  sum,
  tidy,
  valueAndGrads,
  variable,
  zeros,
} from '../dist/index.js';

const B = 32;
const N_IN = 64;
const N_H = 128;
const STEPS = [25, 50, 100, 200];
// Short runs are repeated more, so every T gets about the same number of timed steps.
const repeatsFor = (T) => Math.max(3, Math.ceil(400 / T));

const spikeFn = customGrad((v) => ({
  value: spike(v),
  gradFunc: (dy, [saved]) => [div(dy, square(add(mul(abs(saved), 10), 1)))],
}));

const params = [
  variable(randomNormal([N_IN, N_H], { seed: 1, std: 0.3 })),
  variable(randomNormal([N_H, N_H], { seed: 2, std: 0.1 })),
];

function forward(xs, [wIn, wRec]) {
  let v = zeros([B, N_H]);
  let z = zeros([B, N_H]);
  let count = zeros([B, N_H]);
  for (const x of xs) {
    v = add(mul(mul(v, sub(1, detach(z))), 0.9), add(matMul(x, wIn), matMul(z, wRec)));
    z = spikeFn(sub(v, 1));
    count = add(count, z);
  }
  return sum(square(sub(div(count, xs.length), 0.1)));
}

// Process CPU time, not wall time: on a shared machine other processes stretch wall time but not
// the CPU time this process uses. The minimum over repeats drops what noise remains.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const best = (a) => Math.min(...a);

function measure(T) {
  const xs = Array.from({ length: T }, (_, t) =>
    tidy(() => sub(1, spike(sub(randomUniform([B, N_IN], { seed: 3, offset: t * B * N_IN }), 0.1)))),
  );
  const fwd = [];
  const total = [];
  for (let r = 0; r < repeatsFor(T) + 1; r++) {
    let t0 = cpuMs();
    tidy(() => {
      noGrad(() => forward(xs, params));
    });
    const f = cpuMs() - t0;
    t0 = cpuMs();
    tidy(() => {
      valueAndGrads(() => forward(xs, params), params);
    });
    const all = cpuMs() - t0;
    if (r > 0) {
      // the first repeat warms the JIT up
      fwd.push(f);
      total.push(all);
    }
  }
  dispose(xs);
  return { fwd: best(fwd), total: best(total) };
}

console.log(
  `backprop over T steps: batch ${B}, ${N_IN} -> ${N_H} recurrent LIF-like layer, reference backend`,
);
console.log(
  'T     forward ms   fwd+bwd ms   backward ms   backward ms/step   backward ratio vs T=25   (CPU time)',
);
// Warm the JIT up on the whole code path before timing anything.
measure(50);
let base;
const before = memory().numTensors;
for (const T of STEPS) {
  const { fwd, total } = measure(T);
  const bwd = total - fwd;
  base ??= bwd;
  console.log(
    `${String(T).padEnd(6)}${fwd.toFixed(1).padStart(10)}${total.toFixed(1).padStart(13)}${bwd.toFixed(1).padStart(14)}` +
      `${(bwd / T).toFixed(3).padStart(19)}${(bwd / base).toFixed(2).padStart(16)}  (T ratio ${(T / STEPS[0]).toFixed(0)})`,
  );
}
console.log(`live tensors before/after: ${before}/${memory().numTensors}`);
dispose(params);
