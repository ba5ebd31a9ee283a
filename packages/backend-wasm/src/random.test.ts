import { type TensorInfo, uniformFloat32 } from '@snn/core';
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

/*
 * RandomBernoulli over samples whose size is a multiple of 4 draws only the blocks holding a p > 0
 * and writes the spike lists as it goes: its spikes must still be core's definition bit for bit, and the
 * lists it caches must serve the event-driven products exactly as the lists a scan of the same
 * values gives (compared against the same spikes written afresh, which SpikeMatMul scans).
 */
describe.each([1, 2])('RandomBernoulli with spike lists, %i thread(s)', (threads) => {
  let b: WasmBackend;
  let sparse: WasmBackend;
  beforeAll(async () => {
    b = await createWasmBackend({ threads, parallelMin: 0, spikeDensityCutover: 1 });
    // Cut-over 0: every list is 'too dense', so the products fall back to the dense GEMM.
    sparse = await createWasmBackend({ threads, parallelMin: 0, spikeDensityCutover: 0 });
  });
  afterAll(() => {
    b.dispose();
    sparse.dispose();
  });

  /** Image-like p [rows, cols]: zero borders and zero rows, values in (0, 1] and a few exotic ones. */
  const imageLike = (rows: number, cols: number): Float32Array => {
    const special = [Number.NaN, -0.5, 1, 2];
    return Float32Array.from({ length: rows * cols }, (_, i) => {
      const r = Math.floor(i / cols);
      const c = i % cols;
      if (r % 4 === 3 || c < 4 || c >= cols - 5) return 0;
      return i % 17 === 0 ? special[(i / 17) % special.length] : ((i * 7919) % 1000) / 1000;
    });
  };

  test.each([
    [[1, 8], 1, 3, 0],
    [[6, 20], 7, 2 ** 40 + 1, 2 ** 32 - 30],
    [[4, 2, 28], 13, 99, 5],
    [[64, 784], 3, 2024, 123456],
    // A sample of 36 in rows of 6; and one of 5 (not a whole number of blocks: the plain kernel).
    [[3, 1, 6, 6], 4, 8, 2 ** 32 - 3],
    [[2, 5], 6, 8, 1],
    [[12], 5, 21, 0],
  ])('p %j, %i steps, seed %d, offset %d', (shape, steps, seed, offset) => {
    const size = shape.reduce((x, y) => x * y, 1);
    // The lists are those of one row per sample and step (the view of a Linear after Flatten).
    const cols = shape.length > 1 ? size / shape[0] : size;
    const pv = imageLike(size / cols, cols);
    for (const backend of [b, sparse]) {
      const p = { dataId: backend.write(pv, shape, 'float32'), shape, dtype: 'float32' as const };
      const out = backend.kernels.RandomBernoulli!({ p }, { steps, seed, offset }) as TensorInfo;
      const got = backend.readSync(out.dataId) as Float32Array;
      const u = uniformFloat32(steps * size, seed, offset);
      const want = Float32Array.from(u, (ui, i) => (ui < pv[i % size] ? 1 : 0));
      expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer))).toBe(true);

      // Forward (x W^T) and weight gradient (x^T dy) over the cached lists, against a scan's.
      const rows = (steps * size) / cols;
      const x = { dataId: out.dataId, shape: [rows, cols], dtype: 'float32' as const };
      const fresh = {
        dataId: backend.write(got, [rows, cols], 'float32'),
        shape: [rows, cols],
        dtype: 'float32' as const,
      };
      const w = {
        dataId: backend.write(
          Float32Array.from({ length: 10 * cols }, (_, i) => Math.sin(i)),
          [10, cols],
          'float32',
        ),
        shape: [10, cols],
        dtype: 'float32' as const,
      };
      const dy = {
        dataId: backend.write(
          Float32Array.from({ length: rows * 10 }, (_, i) => Math.cos(i)),
          [rows, 10],
          'float32',
        ),
        shape: [rows, 10],
        dtype: 'float32' as const,
      };
      const products = (a: TensorInfo) => [
        backend.kernels.SpikeMatMul!({ a, b: w }, { transposeA: false, transposeB: true }) as TensorInfo,
        backend.kernels.SpikeMatMul!({ a, b: dy }, { transposeA: true, transposeB: false }) as TensorInfo,
      ];
      const [yCached, dwCached] = products(x);
      const [yScanned, dwScanned] = products(fresh);
      expect(backend.readSync(yCached.dataId)).toEqual(backend.readSync(yScanned.dataId));
      expect(backend.readSync(dwCached.dataId)).toEqual(backend.readSync(dwScanned.dataId));
      for (const t of [p, out, fresh, w, dy, yCached, dwCached, yScanned, dwScanned])
        backend.disposeData(t.dataId);
    }
  });
});
