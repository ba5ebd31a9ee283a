import * as snn from '@snn/core';
import { loadMnist } from '@snn/data-mnist';
import { computeGradients, manualSeed } from '@snn/modules';
import { createWasmBackend } from '@snn/backend-wasm';
const demo = (p) => import(new URL(`../../../apps/mnist-demo/dist/${p}`, import.meta.url).href);
const { buildNetwork } = await demo('models/build-network.js');
const { makeLoader, encodeBatch, pixelStatsOf } = await demo('train/batches.js');
const { createOptimizer } = await demo('train/train-run.js');
const { resolveTrainConfig } = await demo('cli/train-config.js');
const preset = process.argv[2] ?? 'norse-recurrent';
snn.registerBackend('wasm', () => createWasmBackend({ threads: Number(process.argv[3] ?? 1) }), 50);
await snn.setBackend('wasm');
const config = resolveTrainConfig({ model: preset, backend: 'auto' });
manualSeed(0);
const network = buildNetwork(config);
const optimizer = createOptimizer(config, network);
const params = network.module.parameters();
const train = await loadMnist({ split: 'train', dataDir: '/work/shared/data/mnist', download: false });
const loader = makeLoader(train.take(config.batchSize * 14), config, true, pixelStatsOf(train));
const raw = [...loader.epoch(0)];
const acc = { encode: [], forward: [], fwdbwd: [], step: [] };
const cpu = (f) => { const c0 = process.cpuUsage(); const r = f(); const c = process.cpuUsage(c0); return [r, (c.user + c.system) / 1000]; };
for (let k = 0; k < 12; k++) {
  const [batch, te] = cpu(() => encodeBatch(raw[k], config, network.inputLayout, k));
  const [, tf] = cpu(() => snn.noGrad(() => snn.tidy(() => { network.loss(network.forward(batch.x), batch.y); })));
  const [lossT, tb] = cpu(() => snn.tidy(() => computeGradients(() => network.loss(network.forward(batch.x), batch.y), params)));
  await lossT.data(); lossT.dispose();
  const [, ts] = cpu(() => optimizer.step());
  snn.dispose([batch.x, batch.y]);
  if (k >= 2) { acc.encode.push(te); acc.forward.push(tf); acc.fwdbwd.push(tb); acc.step.push(ts); }
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1].toFixed(1);
console.log(preset, 'cpu ms (median): encode', med(acc.encode), 'forward', med(acc.forward), 'forward+backward', med(acc.fwdbwd), 'optimizer', med(acc.step));
process.exit(0);
