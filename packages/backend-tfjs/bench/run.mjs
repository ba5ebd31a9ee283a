// `pnpm bench`: MatMul formulations on tfjs cpu/wasm, then training throughput per backend of a
// LIF-like loop and of the Norse tutorial's recurrent SNN on MNIST.
import { registerTfjsBackends } from '@snn/backend-tfjs';
import { benchLif } from './lif.mjs';
import { benchMatMul } from './matmul.mjs';
import { benchNorse } from './norse.mjs';

const BACKENDS = ['reference', 'tfjs-cpu', 'tfjs-wasm'];
console.log('MatMul formulations (bench/matmul.mjs)');
console.table(await benchMatMul());
registerTfjsBackends();
console.log(
  '32-step LIF-like network, 784 -> 100 -> 10, batch 256, forward + backward + SGD (bench/lif.mjs)',
);
console.table(await benchLif(BACKENDS));
console.log("Norse tutorial's recurrent SNN on MNIST, T 32, hidden 100, batch 256, Adam (bench/norse.mjs)");
console.table(await benchNorse(BACKENDS));
