// `pnpm bench`: MatMul formulations on tfjs cpu/wasm, then LIF-like training throughput per backend.
import { registerTfjsBackends } from '@snn/backend-tfjs';
import { benchLif } from './lif.mjs';
import { benchMatMul } from './matmul.mjs';

console.log('MatMul formulations (bench/matmul.mjs)');
console.table(await benchMatMul());
console.log(
  '32-step LIF-like network, 784 -> 100 -> 10, batch 256, forward + backward + SGD (bench/lif.mjs)',
);
registerTfjsBackends();
console.table(await benchLif(['reference', 'tfjs-cpu', 'tfjs-wasm']));
