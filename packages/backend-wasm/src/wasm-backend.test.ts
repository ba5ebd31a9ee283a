import * as snn from '@snn/core';
import { ArgumentError, type TensorInfo } from '@snn/core';
import { WasmOutOfMemoryError } from './errors.js';
import { registerWasmBackend } from './register.js';
import { createWasmBackend, resolveThreads, type WasmBackend } from './wasm-backend.js';

/* The backend itself: registration, threads, memory accounting, views, the out-of-memory error. */

const f32 = (b: WasmBackend, values: number[], shape: number[]): TensorInfo => ({
  dataId: b.write(Float32Array.from(values), shape, 'float32'),
  shape,
  dtype: 'float32',
});

test('registerWasmBackend registers "wasm" above tfjs; it starts with the requested threads', async () => {
  registerWasmBackend({ threads: 2, priority: -5 });
  try {
    await snn.setBackend('wasm');
    const b = snn.getBackend() as WasmBackend;
    expect(b.name).toBe('wasm');
    expect(b.threads).toBe(2);
    const y = snn.matMul(snn.tensor([[1, 2]]), snn.tensor([[3], [4]]));
    expect(Array.from(await y.data())).toEqual([11]);
  } finally {
    await snn.setBackend('reference');
    snn.removeBackend('wasm');
  }
});

test('thread counts: validated; at least 1; capped where threads cannot work', async () => {
  await expect(resolveThreads(0)).rejects.toThrow(ArgumentError);
  await expect(resolveThreads(1.5)).rejects.toThrow(/integer from 1 to 64/);
  expect(await resolveThreads(1)).toBe(1);
  expect(await resolveThreads(3)).toBe(3); // Node: SharedArrayBuffer and Atomics.wait are available
  expect(await resolveThreads(undefined)).toBeGreaterThanOrEqual(1);
});

test('memory() counts live buffers; a slice view keeps its block until both are disposed', async () => {
  const b = await createWasmBackend({ threads: 1 });
  try {
    const before = b.memory().buffers;
    const heapBefore = b.heapStats().liveBytes;
    const x = f32(b, [1, 2, 3, 4, 5, 6], [3, 2]);
    const row = b.kernels.Slice!({ x }, { begin: [1, 0], size: [1, 2] }) as TensorInfo;
    const col = b.kernels.Slice!({ x }, { begin: [0, 1], size: [3, 1] }) as TensorInfo; // strided: a copy
    expect(Array.from(b.readSync(row.dataId))).toEqual([3, 4]);
    expect(Array.from(b.readSync(col.dataId))).toEqual([2, 4, 6]);
    b.disposeData(x.dataId); // the view still reads its values
    expect(Array.from(b.readSync(row.dataId))).toEqual([3, 4]);
    const again = b.kernels.Slice!({ x: row }, { begin: [0, 1], size: [1, 1] }) as TensorInfo;
    expect(Array.from(b.readSync(again.dataId))).toEqual([4]);
    for (const t of [row, col, again]) b.disposeData(t.dataId);
    expect(b.memory().buffers).toBe(before);
    expect(b.heapStats().liveBytes).toBe(heapBefore);
    expect(() => b.readSync(row.dataId)).toThrow(/disposed or belongs to another backend/);
  } finally {
    b.dispose();
  }
});

test('out of memory is a WasmOutOfMemoryError naming the kernel and the bytes it asked for', async () => {
  const b = await createWasmBackend({ threads: 1, maxMemoryBytes: 64 * 1024 * 1024 });
  try {
    expect(() => b.write(new Float32Array(32 * 1024 * 1024), [32 * 1024 * 1024], 'float32')).toThrow(
      WasmOutOfMemoryError,
    );
    const a = f32(b, new Array(4096 * 16).fill(1), [4096, 16]);
    let error: unknown;
    try {
      b.kernels.MatMul!({ a, b: a }, { transposeA: false, transposeB: true }); // [4096, 4096]: 64 MiB
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WasmOutOfMemoryError);
    expect((error as WasmOutOfMemoryError).kernel).toBe('MatMul');
    expect((error as WasmOutOfMemoryError).bytesRequested).toBe(4096 * 4096 * 4);
    expect((error as Error).message).toMatch(/out of memory in MatMul: requested 64\.0 MiB/);
  } finally {
    b.dispose();
  }
});
