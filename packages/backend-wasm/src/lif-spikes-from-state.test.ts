import type { TensorInfo } from '@snn/core';
import { expectClose } from '@snn/core/testing';
import { createWasmBackend, type WasmBackend } from './wasm-backend.js';
import type { WasmData } from './wasm-data.js';

/*
 * LIFSpikesFromState at 1 and 2 threads: its spikes equal LIFSequence's (spikes-only and full) for a
 * zero input bit for bit, across column chunks (cols > 512), SIMD tails and rank-0/1 states; and the
 * spike index it leaves on z is what a scan of z gives: the event-driven products over it (forward and
 * transposed) equal the dense ones, and above the density cut-over it is marked dense.
 */

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const encoder = { tauSynInv: 0, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 0.001 };
const decaying = { tauSynInv: 300, tauMemInv: 250, vLeak: 0.1, vTh: 0.6, vReset: -0.2, dt: 0.002 };
const fused = { surrogate: 'superspike', alpha: 100, detachReset: false } as const;

describe.each([1, 2])('%i thread(s)', (threads) => {
  let b: WasmBackend;
  beforeAll(async () => {
    b = await createWasmBackend({ threads, parallelMin: 0, spikeDensityCutover: 1 });
  });
  afterAll(() => b.dispose());

  const write = (values: Float32Array, shape: number[], on = b): TensorInfo => ({
    dataId: on.write(values, shape, 'float32'),
    shape,
    dtype: 'float32',
  });
  const filled = (shape: number[], lo: number, hi: number) =>
    write(
      Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => lo + rand() * (hi - lo)),
      shape,
    );
  const read = (t: TensorInfo, on = b) => Array.from(on.readSync(t.dataId) as Float32Array);
  const free = (...ts: TensorInfo[]) => {
    for (const t of ts) b.disposeData(t.dataId);
  };

  test.each([
    ['encoder, [2, 5, 1100] (column chunks, tails)', [2, 5, 1100], 16, encoder, 40],
    ['encoder, [3, 37]', [3, 37], 32, encoder, 12],
    ['decaying current, [6, 9]', [6, 9], 9, decaying, 6],
    ['one row [13]', [13], 20, encoder, 12],
    ['rank 0 (a current that fires some steps)', [], 25, encoder, 9, 5],
  ])(
    '%s: the spikes of LIFSequence with a zero input, bit for bit',
    (_name, shape, steps, p, iMax, iMin = 0) => {
      const v0 = filled(shape, -0.2, 0.8);
      const i0 = filled(shape, iMin, iMax);
      const z = b.kernels.LIFSpikesFromState!({ v0, i0 }, { steps, ...p }) as TensorInfo;
      expect(z.shape).toEqual([steps, ...shape]);
      const x = write(new Float32Array(steps * shape.reduce((m, d) => m * d, 1)), [steps, ...shape]);
      const [spikesOnly] = b.kernels.LIFSequence!(
        { x, v0, i0 },
        { ...p, ...fused, spikesOnly: true },
      ) as TensorInfo[];
      const full = b.kernels.LIFSequence!({ x, v0, i0 }, { ...p, ...fused }) as TensorInfo[];
      const got = read(z);
      expect(got).toEqual(read(spikesOnly));
      expect(got).toEqual(read(full[0]));
      expect(got.some((s) => s === 1) && got.some((s) => s === 0)).toBe(true);
      free(v0, i0, z, x, spikesOnly, ...full);
    },
  );

  test.each([
    [[64, 300], 12, 24],
    [[16, 784], 32, 100],
  ])(
    '[T, %j]: the index left on z serves SpikeMatMul forward and transposed, equal to the dense products',
    (shape, steps, n) => {
      const [rows, cols] = shape as number[];
      const v0 = filled(shape as number[], -0.2, 0.8);
      const i0 = filled(shape as number[], 0, 3);
      const z = b.kernels.LIFSpikesFromState!({ v0, i0 }, { steps, ...encoder }) as TensorInfo;
      const key = `${steps * rows}x${cols}`;
      const data = z.dataId as WasmData;
      const index = data.spikeIndex?.get(key);
      expect(index).toBeTruthy();
      // The dense values wait until something reads them; the event-driven products do not.
      expect(data.pendingWrite).toBeDefined();
      const w0 = filled([n, cols], -1, 1);
      const a0: TensorInfo = { dataId: z.dataId, shape: [steps * rows, cols], dtype: 'float32' };
      const early = b.kernels.SpikeMatMul!(
        { a: a0, b: w0 },
        { transposeA: false, transposeB: true },
      ) as TensorInfo;
      expect(data.pendingWrite).toBeDefined();
      const ones = read(z).filter((s) => s === 1).length;
      expect(index!.nnz).toBe(ones);
      expect(ones).toBeGreaterThan(0);
      // The same data viewed [steps*rows, cols], as a Linear layer reshapes it.
      const a: TensorInfo = { dataId: z.dataId, shape: [steps * rows, cols], dtype: 'float32' };
      const w = filled([n, cols], -1, 1);
      const dy = filled([steps * rows, n], -1, 1);
      for (const [lhs, rhs, transposeA, transposeB] of [
        [a, w, false, true],
        [a, dy, true, false],
      ] as const) {
        const attrs = { transposeA, transposeB };
        const event = b.kernels.SpikeMatMul!({ a: lhs, b: rhs }, attrs) as TensorInfo;
        const plain = b.kernels.MatMul!({ a: lhs, b: rhs }, attrs) as TensorInfo;
        expectClose(read(event), read(plain), `SpikeMatMul ${JSON.stringify(attrs)}`, 1e-5, 1e-6);
        // A copy of z (no index on it) is scanned: the same lists, so the same sums bit for bit.
        const copy = write(Float32Array.from(read(z)), a.shape as number[]);
        const scanned = b.kernels.SpikeMatMul!({ a: copy, b: rhs }, attrs) as TensorInfo;
        expect(read(event)).toEqual(read(scanned));
        free(event, plain, copy, scanned);
      }
      expect(data.pendingWrite).toBeUndefined();
      // The product taken before the values were written equals the dense one over them.
      const plain0 = b.kernels.MatMul!(
        { a: a0, b: w0 },
        { transposeA: false, transposeB: true },
      ) as TensorInfo;
      expectClose(read(early), read(plain0), 'SpikeMatMul before the write', 1e-5, 1e-6);
      free(v0, i0, z, w, dy, w0, early, plain0);
    },
  );

  test('above the density cut-over the index is marked dense, and products stay right', async () => {
    const sparse = await createWasmBackend({ threads, parallelMin: 0, spikeDensityCutover: 0.01 });
    try {
      const shape = [8, 50];
      const make = (lo: number, hi: number) =>
        write(
          Float32Array.from({ length: 400 }, () => lo + rand() * (hi - lo)),
          shape,
          sparse,
        );
      const v0 = make(-0.2, 0.8);
      const i0 = make(20, 40);
      const z = sparse.kernels.LIFSpikesFromState!({ v0, i0 }, { steps: 10, ...encoder }) as TensorInfo;
      expect((z.dataId as WasmData).spikeIndex?.get('80x50')?.idx).toBe(-1);
      // Dense: the values are written at once, for the dense kernels.
      expect((z.dataId as WasmData).pendingWrite).toBeUndefined();
      const a: TensorInfo = { dataId: z.dataId, shape: [80, 50], dtype: 'float32' };
      const w = write(
        Float32Array.from({ length: 150 }, () => rand() - 0.5),
        [3, 50],
        sparse,
      );
      const attrs = { transposeA: false, transposeB: true };
      const event = sparse.kernels.SpikeMatMul!({ a, b: w }, attrs) as TensorInfo;
      const plain = sparse.kernels.MatMul!({ a, b: w }, attrs) as TensorInfo;
      expect(read(event, sparse)).toEqual(read(plain, sparse));
    } finally {
      sparse.dispose();
    }
  });
});
