// Where a tfjs backend spends its time: wraps every kernel of the active backend with a timer and
// runs the Norse recurrent SNN bench, then prints the kernels by total time (MatMul split by shape).
// tfjs's cpu and wasm kernels run synchronously, so wall time per call is the kernel's cost.
// Usage: node bench/profile.mjs [tfjs-wasm|tfjs-cpu]
import { registerTfjsBackends } from '@snn/backend-tfjs';
import * as snn from '@snn/core';
import { benchNorse } from './norse.mjs';

const name = process.argv[2] ?? 'tfjs-wasm';
registerTfjsBackends();
await snn.setBackend(name);
const backend = snn.getBackend();
const stats = new Map();
for (const [kernel, fn] of Object.entries(backend.kernels)) {
  backend.kernels[kernel] = (inputs, attrs) => {
    const t0 = performance.now();
    const out = fn(inputs, attrs);
    const ms = performance.now() - t0;
    const key =
      kernel === 'MatMul'
        ? `MatMul ${inputs.a.shape.join('x')}${attrs.transposeA ? 'ᵀ' : ''} @ ${inputs.b.shape.join('x')}${attrs.transposeB ? 'ᵀ' : ''}`
        : kernel;
    const s = stats.get(key) ?? { ms: 0, calls: 0 };
    s.ms += ms;
    s.calls++;
    stats.set(key, s);
    return out;
  };
}
const t0 = performance.now();
console.table(await benchNorse([name], 3000));
const total = performance.now() - t0;
const inKernels = [...stats.values()].reduce((a, s) => a + s.ms, 0);
console.table(
  [...stats]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 20)
    .map(([kernel, s]) => ({
      kernel,
      ms: Math.round(s.ms),
      calls: s.calls,
      'us/call': Math.round((s.ms * 1000) / s.calls),
    })),
);
console.log(`${Math.round(inKernels)} of ${Math.round(total)} ms inside kernels`);
