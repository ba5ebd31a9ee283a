import { WasmOutOfMemoryError } from '../errors.js';

const PAGE = 65536;
/** Every block starts on a cache line and is a whole number of them (also SIMD-aligned). */
export const ALIGN = 64;
/** The wasm32 limit: 65536 pages of 64 KiB. */
export const MAX_PAGES = 65536;

const roundUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** Blocks from this size up are rounded to a size class (see {@link blockSize}). */
const SIZE_CLASS_MIN = 256 * 1024;

/**
 * A request of at least {@link REUSE_MIN} bytes whose own size has no freed block takes the smallest
 * freed block up to this factor larger before fresh memory. A spike index's size follows the spike
 * count, which drifts over training through many size classes; without this each new class took fresh
 * memory (first-touch page faults every batch) while larger freed blocks sat idle, and the heap's top
 * ended about 40 % above its peak use.
 */
const REUSE_SLACK = 1.5;
/** Smaller requests take fresh memory on a miss (cheap, and the scan of the bins would not be). */
const REUSE_MIN = 64 * 1024;

/**
 * The bytes a request takes: whole cache lines, and from {@link SIZE_CLASS_MIN} up one of eight size
 * classes per power of two (at most 12.5 % more). Sizes that vary a little from step to step, such
 * as a spike index (its length is the number of spikes), then fall into a few classes whose freed
 * blocks the next steps reuse, instead of each taking fresh memory from the bump region: fresh pages
 * cost a page fault on first touch, which on some (virtualised) machines costs more than the kernel
 * that writes them.
 */
function blockSize(bytes: number): number {
  const size = roundUp(bytes);
  if (size < SIZE_CLASS_MIN) return size;
  const step = 2 ** (Math.floor(Math.log2(size)) - 3);
  return Math.ceil(size / step) * step;
}

/** What the wasm heap holds (bytes include alignment and size classes): {@link WasmBackend.heapStats}. */
export interface WasmHeapStats {
  /** Bytes of the blocks in use. */
  liveBytes: number;
  /** Blocks in use. */
  liveBlocks: number;
  /** The most bytes in use at once since the heap started. */
  peakBytes: number;
  /** Freed bytes kept for reuse (size bins and free ranges). */
  cachedBytes: number;
  /** The wasm memory's size. */
  heapBytes: number;
}

/**
 * The allocator of the backend's wasm memory. Blocks come from a bump pointer over the heap; freed
 * blocks are kept in bins by block size (exact below 256 KiB, size classes above: blockSize), so a
 * training loop, which frees and asks for the same or nearly the same sizes every step, reuses them
 * at the cost of a Map lookup; a larger request with no block of its size left takes a somewhat larger
 * freed block (REUSE_SLACK) before fresh memory. When the bump region is exhausted the memory
 * grows (by at least a quarter, to keep growth rare: every growth replaces the JavaScript views).
 * When it cannot grow any more, the binned blocks are coalesced into address-ordered free ranges and
 * the request is served first-fit from them; only then does allocation fail, with a typed error
 * naming the kernel and the bytes requested.
 */
export class Heap {
  readonly #memory: WebAssembly.Memory;
  #top: number;
  readonly #base: number;
  readonly #bins = new Map<number, number[]>();
  /** Live blocks handed out from a larger bin (REUSE_SLACK): their block size, for free(). */
  readonly #oversized = new Map<number, number>();
  #binnedBytes = 0;
  /** Coalesced free ranges [start, end), sorted by start. */
  #ranges: [number, number][] = [];
  #liveBytes = 0;
  #liveBlocks = 0;
  #peakBytes = 0;
  #maxPages: number;
  /** Called after the memory grew (views over the old buffer are stale). */
  onGrow: () => void = () => {};

  constructor(memory: WebAssembly.Memory, heapBase: number, maxPages = MAX_PAGES) {
    this.#memory = memory;
    this.#base = roundUp(heapBase);
    this.#top = this.#base;
    this.#maxPages = maxPages;
  }

  /** A block of at least `bytes` bytes (0 bytes gives address 0, never dereferenced). */
  alloc(bytes: number, kernel: string): number {
    if (bytes <= 0) return 0;
    const size = blockSize(bytes);
    const bin = this.#bins.get(size);
    if (bin !== undefined && bin.length > 0) {
      this.#binnedBytes -= size;
      return this.#taken(bin.pop() as number, size);
    }
    if (size >= REUSE_MIN) {
      const larger = this.#fromLargerBin(size);
      if (larger >= 0) return larger;
    }
    const fromRange = this.#fromRanges(size);
    if (fromRange >= 0) return this.#taken(fromRange, size);
    if (this.#top + size <= this.#memory.buffer.byteLength || this.#grow(this.#top + size)) {
      const p = this.#top;
      this.#top += size;
      return this.#taken(p, size);
    }
    // Out of room: give the binned blocks back as coalesced ranges and try again.
    if (this.#binnedBytes > 0) {
      this.#coalesce();
      const p = this.#fromRanges(size);
      if (p >= 0) return this.#taken(p, size);
      if (this.#top + size <= this.#memory.buffer.byteLength || this.#grow(this.#top + size)) {
        const q = this.#top;
        this.#top += size;
        return this.#taken(q, size);
      }
    }
    throw new WasmOutOfMemoryError(kernel, bytes, this.#memory.buffer.byteLength, this.#liveBytes);
  }

  /** Returns a block from alloc(bytes) (same `bytes`). */
  free(ptr: number, bytes: number): void {
    if (bytes <= 0 || ptr === 0) return;
    let size = blockSize(bytes);
    const oversized = this.#oversized.get(ptr);
    if (oversized !== undefined) {
      size = oversized;
      this.#oversized.delete(ptr);
    }
    this.#liveBytes -= size;
    this.#liveBlocks--;
    let bin = this.#bins.get(size);
    if (bin === undefined) {
      bin = [];
      this.#bins.set(size, bin);
    }
    bin.push(ptr);
    this.#binnedBytes += size;
  }

  /** Heap statistics (bytes include alignment and size classes). */
  stats(): WasmHeapStats {
    return {
      liveBytes: this.#liveBytes,
      liveBlocks: this.#liveBlocks,
      peakBytes: this.#peakBytes,
      cachedBytes: this.#binnedBytes + this.#ranges.reduce((s, [a, b]) => s + b - a, 0),
      heapBytes: this.#memory.buffer.byteLength,
    };
  }

  /** Lowers the growth limit (tests of the out-of-memory path). */
  setMaxPages(pages: number): void {
    this.#maxPages = Math.min(pages, MAX_PAGES);
  }

  #taken(ptr: number, size: number): number {
    this.#liveBytes += size;
    this.#liveBlocks++;
    if (this.#liveBytes > this.#peakBytes) this.#peakBytes = this.#liveBytes;
    return ptr;
  }

  /** The smallest binned block larger than `size`, at most REUSE_SLACK times it, taken; else -1. */
  #fromLargerBin(size: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const [s, ptrs] of this.#bins) {
      if (s > size && s < best && s <= size * REUSE_SLACK && ptrs.length > 0) best = s;
    }
    if (best === Number.POSITIVE_INFINITY) return -1;
    const ptr = (this.#bins.get(best) as number[]).pop() as number;
    this.#binnedBytes -= best;
    this.#oversized.set(ptr, best);
    return this.#taken(ptr, best);
  }

  #grow(end: number): boolean {
    const have = this.#memory.buffer.byteLength / PAGE;
    const need = Math.ceil(end / PAGE);
    if (need > this.#maxPages) return false;
    const want = Math.min(this.#maxPages, Math.max(need, Math.ceil(have * 1.25)));
    try {
      this.#memory.grow(want - have);
    } catch {
      try {
        this.#memory.grow(need - have);
      } catch {
        return false;
      }
    }
    this.onGrow();
    return true;
  }

  #fromRanges(size: number): number {
    const ranges = this.#ranges;
    for (let k = 0; k < ranges.length; k++) {
      const [start, end] = ranges[k];
      if (end - start < size) continue;
      if (end - start === size) ranges.splice(k, 1);
      else ranges[k][0] = start + size;
      return start;
    }
    return -1;
  }

  /** Moves every binned block into the sorted free ranges, merging neighbours (and the top). */
  #coalesce(): void {
    const blocks: [number, number][] = [...this.#ranges];
    for (const [size, ptrs] of this.#bins) for (const p of ptrs) blocks.push([p, p + size]);
    this.#bins.clear();
    this.#binnedBytes = 0;
    blocks.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const b of blocks) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last[1] === b[0]) last[1] = b[1];
      else merged.push([b[0], b[1]]);
    }
    const last = merged[merged.length - 1];
    if (last !== undefined && last[1] === this.#top) {
      this.#top = last[0];
      merged.pop();
    }
    this.#ranges = merged;
  }
}
