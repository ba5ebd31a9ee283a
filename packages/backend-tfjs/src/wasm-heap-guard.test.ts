import * as snn from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { registerTfjsBackends } from './register.js';
import { WASM_HEAP_LIMIT } from './wasm-heap-guard.js';

/*
 * tfjs-wasm's heap stops at 4 GiB. Before the guard, a failed allocation went unnoticed (tfjs used
 * address 0) and a kernel later died with "memory access out of bounds": norse-conv at batch 256
 * did, about 20 s into its first batch. A result of the heap's full size can never be allocated once
 * anything is on the heap, so asking for one fails at once, without allocating, and cheaply: the
 * outer product of two small vectors (a kernel that fills its output inside the heap).
 */
beforeAll(async () => {
  registerTfjsBackends({ kinds: ['wasm'] });
  await snn.setBackend('tfjs-wasm');
});

test('a result the wasm heap cannot hold is an OutOfMemoryError naming the kernel and the bytes', () => {
  const a = snn.ones([WASM_HEAP_LIMIT / 4 / 2 ** 14, 1]);
  const b = snn.ones([1, 2 ** 14]); // a x b: float32 [65535, 16384], exactly the heap's limit
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const error = (() => {
    try {
      snn.matMul(a, b);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(snn.OutOfMemoryError);
  expect(error).toMatchObject({ kernel: 'MatMul', backend: 'tfjs-wasm', bytes: WASM_HEAP_LIMIT });
  expect((error as Error).message).toMatch(
    /^out of memory: backend 'tfjs-wasm' could not allocate 4\.00 GiB for kernel MatMul \(its WebAssembly heap holds [\d.]+ GiB and cannot grow past 4\.00 GiB\)$/,
  );
  expect(performance.now() - t0).toBeLessThan(5000);
  // Nothing half-made is left behind, and the backend keeps working.
  expect(tf.memory().numTensors).toBe(before);
  const y = snn.add(b, 1);
  expect(y.dataSync()[0]).toBe(2);
  snn.dispose([a, b, y]);
});

test('a request past 4 GiB is refused instead of wrapping around to a small allocation', () => {
  const a = snn.ones([2 ** 16, 1]);
  const b = snn.ones([1, 2 ** 15]);
  expect(() => snn.matMul(a, b)).toThrow(/could not allocate 8\.00 GiB for kernel MatMul/);
  snn.dispose([a, b]);
});
