// Training and inference throughput of the mnist-demo presets on one backend, the way the demo's
// `fit` runs them (encode + forward + backward + optimizer step), after warm-up. A development
// micro-benchmark of this package (the repository's `npm run bench` harness is the reference); it
// reads the built demo and packages, so build first (`npm run build` at the repository root).
// Usage: node bench/train.mjs <preset> [backend=wasm] [batches=6] [threads]
//   SNN_PROFILE=1 also prints time per kernel (CPU time of each kernel call, every thread), and
//   SNN_PROFILE=shapes per kernel and input shapes; SNN_DENSITY=1 the spike density of event inputs.
import * as snn from '@snn/core';
import { loadMnist } from '@snn/data-mnist';
import { computeGradients, manualSeed } from '@snn/modules';

const demo = (p) => import(new URL(`../../../apps/mnist-demo/dist/${p}`, import.meta.url).href);
const { buildNetwork } = await demo('models/build-network.js');
const { makeLoader, encodeBatch, pixelStatsOf } = await demo('train/batches.js');
const { createOptimizer } = await demo('train/train-run.js');
const { resolveTrainConfig } = await demo('cli/train-config.js');

const [preset = 'norse-recurrent', backend = 'wasm', batchesArg = '6', threadsArg] = process.argv.slice(2);
const batches = Number(batchesArg);
const dataDir = process.env.SNN_MNIST_DIR;
if (!dataDir) {
  console.error('bench/train.mjs reads MNIST from $SNN_MNIST_DIR (a folder with the four IDX files): set it');
  process.exit(2);
}

if (backend === 'wasm') {
  const { createWasmBackend } = await import('@snn/backend-wasm');
  const wasmUrl = process.env.SNN_WASM_URL; // e.g. an unstripped build, for profiles with names
  snn.registerBackend(
    'wasm',
    () =>
      createWasmBackend({
        ...(threadsArg ? { threads: Number(threadsArg) } : {}),
        ...(wasmUrl ? { wasmUrl } : {}),
        ...(process.env.SNN_PARALLEL_MIN ? { parallelMin: Number(process.env.SNN_PARALLEL_MIN) } : {}),
        ...(process.env.SNN_SPIN ? { spin: Number(process.env.SNN_SPIN) } : {}),
      }),
    50,
  );
} else if (backend.startsWith('tfjs')) {
  const { registerTfjsBackends } = await import('@snn/backend-tfjs');
  registerTfjsBackends();
}
await snn.setBackend(backend);

const config = resolveTrainConfig({ model: preset, backend: 'auto' });
manualSeed(config.seed);
const network = buildNetwork(config);
const optimizer = createOptimizer(config, network);
const params = network.module.parameters();
const train = await loadMnist({ split: 'train', dataDir, download: false });
const loader = makeLoader(train.take(config.batchSize * (batches + 3)), config, true, pixelStatsOf(train));
const raw = [...loader.epoch(0)];

const profile = process.env.SNN_PROFILE ? new Map() : undefined;
const density = new Map();
if (profile) {
  const b = snn.getBackend();
  for (const [name, fn] of Object.entries(b.kernels)) {
    b.kernels[name] = (inputs, attrs) => {
      // CPU time of the process (all threads): on a shared machine, wall time is mostly the others.
      const c0 = process.cpuUsage();
      const out = fn(inputs, attrs);
      const c = process.cpuUsage(c0);
      const key = /MatMul/.test(name)
        ? `${name} ${inputs.a.shape.join('x')}${attrs.transposeA ? 'ᵀ' : ''} @ ${inputs.b.shape.join('x')}${attrs.transposeB ? 'ᵀ' : ''}`
        : process.env.SNN_PROFILE === 'shapes'
          ? `${name} ${Object.values(inputs)
              .map((t) => (Array.isArray(t) ? `${t.length}x` : t.shape.join('x')))
              .join(' ')}`
          : name;
      if (process.env.SNN_DENSITY && (attrs.spikeInput || name === 'SpikeMatMul')) {
        const x = inputs.x ?? inputs.a;
        const v = b.readSync(x.dataId);
        let ones = 0;
        for (let i = 0; i < v.length; i++) if (v[i] !== 0) ones++;
        const d = density.get(key) ?? { sum: 0, n: 0 };
        d.sum += ones / v.length;
        d.n++;
        density.set(key, d);
      }
      const s = profile.get(key) ?? { ms: 0, calls: 0 };
      s.ms += (c.user + c.system) / 1000;
      s.calls++;
      profile.set(key, s);
      return out;
    };
  }
}

async function trainStep(k) {
  const batch = encodeBatch(raw[k], config, network.inputLayout, k);
  const lossT = snn.tidy(() =>
    computeGradients(() => network.loss(network.forward(batch.x), batch.y), params),
  );
  const loss = (await lossT.data())[0];
  lossT.dispose();
  optimizer.step();
  snn.dispose([batch.x, batch.y]);
  return loss;
}

async function inferStep(k) {
  const batch = encodeBatch(raw[k], config, network.inputLayout, k);
  const scores = snn.noGrad(() => snn.tidy(() => network.scores(network.forward(batch.x))));
  await scores.data();
  snn.dispose([scores, batch.x, batch.y]);
}

for (let k = 0; k < 2; k++) await trainStep(k);
profile?.clear();
const cpu0 = process.cpuUsage();
let t0 = performance.now();
let loss = 0;
for (let k = 2; k < 2 + batches; k++) loss = await trainStep(k);
const trainMs = performance.now() - t0;
const trainCpu = process.cpuUsage(cpu0);
const kernelMs = profile ? [...profile.values()].reduce((a, s) => a + s.ms, 0) : 0;
// Copies of the entries: the inference steps below go on adding to the live ones.
const trainProfile = profile ? new Map([...profile].map(([k, s]) => [k, { ...s }])) : undefined;
await inferStep(0);
t0 = performance.now();
for (let k = 0; k < batches; k++) await inferStep(k);
const inferMs = performance.now() - t0;
const b = snn.getBackend();
console.log(
  JSON.stringify({
    net: preset,
    backend: b.name,
    threads: b.threads ?? 1,
    train_samples_per_s: +((config.batchSize * batches * 1000) / trainMs).toFixed(1),
    infer_samples_per_s: +((config.batchSize * batches * 1000) / inferMs).toFixed(1),
    ms_per_train_batch: +(trainMs / batches).toFixed(1),
    // CPU time of every thread of the process: on a loaded machine, what the work itself costs.
    cpu_ms_per_train_batch: +((trainCpu.user + trainCpu.system) / 1000 / batches).toFixed(1),
    loss: +loss.toFixed(4),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(profile ? { kernel_ms_per_batch: +(kernelMs / batches).toFixed(1) } : {}),
  }),
);
if (trainProfile) {
  console.table(
    [...trainProfile]
      .sort((x, y) => y[1].ms - x[1].ms)
      .slice(0, 25)
      .map(([kernel, s]) => ({
        kernel,
        'ms/batch': +(s.ms / batches).toFixed(2),
        'calls/batch': s.calls / batches,
        'us/call': +((s.ms * 1000) / s.calls).toFixed(1),
      })),
  );
}
if (density.size > 0) {
  console.table([...density].map(([k, d]) => ({ kernel: k, 'spike density': +(d.sum / d.n).toFixed(4) })));
}
snn.getBackend().dispose?.();
process.exit(0);
