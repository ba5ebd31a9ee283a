import { WasmOutOfMemoryError } from '../errors.js';
import { Heap } from './heap.js';

/* The allocator: exact-size reuse, growth, coalescing when the memory cannot grow, the typed error. */

const PAGE = 65536;

test('reuses freed blocks of the same size, grows the memory, and refreshes views on growth', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16 });
  const heap = new Heap(memory, 1024, 16);
  let grown = 0;
  heap.onGrow = () => grown++;
  const a = heap.alloc(1000, 'test');
  heap.free(a, 1000);
  expect(heap.alloc(1000, 'test')).toBe(a);
  const big = heap.alloc(3 * PAGE, 'test');
  expect(grown).toBe(1);
  expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 3 * PAGE);
  expect(heap.stats().liveBytes).toBe(1024 + 3 * PAGE);
});

test('coalesces freed blocks when it cannot grow, then fails with a typed error', () => {
  const memory = new WebAssembly.Memory({ initial: 3, maximum: 3 });
  const heap = new Heap(memory, 1024, 3); // address 0 is never a block (it means "empty")
  const blocks = [0, 1, 2, 3].map(() => heap.alloc(PAGE / 2, 'test'));
  for (const b of blocks) heap.free(b, PAGE / 2);
  // 128 KiB used of 192 KiB: a two-page block fits only in the four free half pages, joined.
  const joined = heap.alloc(2 * PAGE, 'test');
  expect(joined).toBe(blocks[0]);
  let error: unknown;
  try {
    heap.alloc(2 * PAGE, 'SomeKernel');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WasmOutOfMemoryError);
  expect((error as WasmOutOfMemoryError).kernel).toBe('SomeKernel');
  expect((error as WasmOutOfMemoryError).bytesRequested).toBe(2 * PAGE);
  expect((error as Error).message).toMatch(/requested 128\.0 KiB with 128\.0 KiB live in a 192\.0 KiB heap/);
});

test('large blocks of nearly the same size share a size class, so a freed one serves the next', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 256 });
  const heap = new Heap(memory, 1024, 256);
  // 2.65 MB and 2.85 MB (a spike index whose spike count varies by batch): one class of 2.75 MiB.
  const a = heap.alloc(2_650_000, 'test');
  expect(heap.stats().liveBytes).toBe(2.75 * 2 ** 20);
  heap.free(a, 2_650_000);
  expect(heap.alloc(2_850_000, 'test')).toBe(a);
  heap.free(a, 2_850_000);
  // Beyond the class: fresh memory.
  expect(heap.alloc(2_900_000, 'test')).not.toBe(a);
  // Below 256 KiB sizes stay exact (whole cache lines).
  const small = heap.alloc(200_000, 'test');
  heap.free(small, 200_000);
  expect(heap.alloc(200_064, 'test')).not.toBe(small);
  expect(heap.alloc(199_990, 'test')).toBe(small);
});

test('a request with no freed block of its size takes a freed one up to 1.5x larger, then gives it back whole', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 256 });
  const heap = new Heap(memory, 1024, 256);
  // A spike index that shrinks from one batch to the next (2 MiB class, then 1.5 MiB class).
  const a = heap.alloc(2 * 2 ** 20, 'test');
  heap.free(a, 2 * 2 ** 20);
  const b = heap.alloc(1.5 * 2 ** 20, 'test');
  expect(b).toBe(a);
  expect(heap.stats().liveBytes).toBe(2 * 2 ** 20); // the whole block is in use
  heap.free(b, 1.5 * 2 ** 20);
  expect(heap.stats()).toMatchObject({ liveBytes: 0, liveBlocks: 0, cachedBytes: 2 * 2 ** 20 });
  // Freed into its own 2 MiB bin: the next 2 MiB request gets it exactly.
  expect(heap.alloc(2 * 2 ** 20, 'test')).toBe(a);
  heap.free(a, 2 * 2 ** 20);
  // More than 1.5x larger than asked, or a small request: fresh memory.
  expect(heap.alloc(1.25 * 2 ** 20, 'test')).not.toBe(a);
  const small = heap.alloc(40_000, 'test');
  heap.free(small, 40_000);
  expect(heap.alloc(39_936, 'test')).not.toBe(small);
});
