import { uniformFloat32 } from '@snn/core';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';

/*
 * RandomUniform runs four Philox blocks per SIMD vector: bit for bit core's specification, across
 * sizes that leave partial vectors, thread splits, and counters that carry into the high word.
 */
describe.each([1, 2])('%i thread(s)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = await createWasmBackend({ threads, parallelMin: 0 });
  });
  afterAll(() => b.dispose());

  test.each([
    [1, 0, 0],
    [17, 3, 5],
    [1000, 2 ** 40 + 7, 2 ** 32 - 2],
    [4099, 123456789, 2 ** 33 - 600],
    [65536 + 3, 42, 0],
  ])('%i values, seed %d, offset %d', (size, seed, offset) => {
    const out = b.kernels.RandomUniform!({}, { shape: [size], seed, offset }) as { dataId: object };
    const got = b.readSync(out.dataId) as Float32Array;
    const want = uniformFloat32(size, seed, offset);
    expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer))).toBe(true);
    b.disposeData(out.dataId);
  });
});
