import type { SpikeIndex, WasmData } from '../wasm-data.js';
import type { WasmKernelContext } from './kernel.js';

/** What spikeIndex found: the lists, or that the view is too dense to gain from them, or not binary. */
export type SpikeLists = SpikeIndex | 'dense' | null;

/**
 * The lists of ones of each row of `d` viewed as a [rows, cols] matrix, built by csrc/spike.c in one
 * threaded pass and a compaction, and cached on the data (data never changes): a spike tensor used
 * forward (x W^T) and in its weight gradient (x^T dy) is indexed once. Returns 'dense' when the ones
 * are too many for the event-driven kernels to win (density above the backend's cut-over: only the
 * count is kept), null when the values are not all 0 and 1.
 */
export function spikeIndex(ctx: WasmKernelContext, d: WasmData, rows: number, cols: number): SpikeLists {
  const hit = d.spikeIndex?.get(`${rows}x${cols}`);
  if (hit !== undefined) return hit === null || hit.idx >= 0 ? hit : 'dense';
  return withListScratch(ctx, rows, cols, (counts, scratch) => {
    ctx.rt.call('snn_spike_scan_rows', rows * cols, d.ptr, rows, cols, counts, scratch);
    return keepSpikeIndex(ctx, d, rows, cols, counts, scratch);
  });
}

/**
 * Runs `fill` with the buffers a spike index is built from: counts int32 [rows] and scratch int32
 * [rows, cols] (row r's list of columns at scratch + r*cols, its length in counts[r], -1 for a row
 * that is not binary), freed afterwards. A kernel that writes spikes can fill them as it goes
 * (LIFSpikesFromState) and hand them to keepSpikeIndex, so the spikes are never scanned.
 */
export function withListScratch<T>(
  ctx: WasmKernelContext,
  rows: number,
  cols: number,
  fill: (counts: number, scratch: number) => T,
): T {
  const countBytes = rows * 4;
  const scratchBytes = rows * cols * 4;
  const counts = ctx.temp(countBytes, 'spike index');
  const scratch = ctx.temp(scratchBytes, 'spike index');
  try {
    return fill(counts, scratch);
  } finally {
    ctx.freeTemp(scratch, scratchBytes);
    ctx.freeTemp(counts, countBytes);
  }
}

/**
 * The lists in counts/scratch (withListScratch) compacted into the index of `d` viewed as
 * [rows, cols], cached on it: the lists, 'dense' above the density cut-over (the backend's unless
 * `cutover` is given; only the count is kept), or null when a row was not binary.
 */
export function keepSpikeIndex(
  ctx: WasmKernelContext,
  d: WasmData,
  rows: number,
  cols: number,
  counts: number,
  scratch: number,
  cutover = ctx.spikeDensityCutover,
): SpikeLists {
  const { rt } = ctx;
  const key = `${rows}x${cols}`;
  d.spikeIndex ??= new Map();
  const ptrBytes = (rows + 1) * 4;
  const ptr = rt.heap.alloc(ptrBytes, 'spike index');
  const nnz = rt.exports.snn_prefix_sum(counts, ptr, rows);
  if (nnz < 0) {
    rt.heap.free(ptr, ptrBytes);
    d.spikeIndex.set(key, null);
    return null;
  }
  if (nnz > cutover * rows * cols) {
    rt.heap.free(ptr, ptrBytes);
    d.spikeIndex.set(key, { ptr: 0, idx: -1, nnz, lists: rows, ptrBytes: 0, idxBytes: 0 });
    return 'dense';
  }
  const idxBytes = nnz * 4;
  const idx = rt.heap.alloc(idxBytes, 'spike index');
  rt.call('snn_spike_compact_rows', nnz + rows, scratch, rows, cols, ptr, idx);
  const index: SpikeIndex = { ptr, idx, nnz, lists: rows, ptrBytes, idxBytes };
  d.spikeIndex.set(key, index);
  return index;
}

/** Replaces the lists cached on `d` for [rows, cols] by the 'dense' mark (the count kept), freeing them. */
export function markDense(
  ctx: WasmKernelContext,
  d: WasmData,
  rows: number,
  cols: number,
  index: SpikeIndex,
): void {
  ctx.rt.heap.free(index.ptr, index.ptrBytes);
  ctx.rt.heap.free(index.idx, index.idxBytes);
  d.spikeIndex?.set(`${rows}x${cols}`, {
    ptr: 0,
    idx: -1,
    nnz: index.nnz,
    lists: rows,
    ptrBytes: 0,
    idxBytes: 0,
  });
}

/** A [rows, cols] view of float32 `d` transposed ([cols, rows]), cached on the data. */
export function transposedOf(ctx: WasmKernelContext, d: WasmData, rows: number, cols: number): number {
  const key = `${rows}x${cols}`;
  d.transposed ??= new Map();
  const hit = d.transposed.get(key);
  if (hit !== undefined) return hit.ptr;
  const bytes = rows * cols * 4;
  const ptr = ctx.rt.heap.alloc(bytes, 'transpose');
  ctx.rt.call('snn_transpose2d_32', rows * cols, d.ptr, ptr, 1, rows, cols);
  d.transposed.set(key, { ptr, bytes });
  return ptr;
}

/** Frees what was derived from a data block and cached on it (when it is disposed). */
export function freeDerived(ctx: { rt: WasmKernelContext['rt'] }, d: WasmData): void {
  if (d.spikeIndex !== undefined) {
    for (const index of d.spikeIndex.values()) {
      if (index === null || index.idx < 0) continue;
      ctx.rt.heap.free(index.ptr, index.ptrBytes);
      ctx.rt.heap.free(index.idx, index.idxBytes);
    }
    d.spikeIndex = undefined;
  }
  if (d.transposed !== undefined) {
    for (const block of d.transposed.values()) ctx.rt.heap.free(block.ptr, block.bytes);
    d.transposed = undefined;
  }
}
