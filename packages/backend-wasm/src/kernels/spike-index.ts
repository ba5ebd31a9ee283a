import type { SpikeIndex, WasmData } from '../wasm-data.js';
import type { WasmKernelContext } from './kernel.js';

/** What spikeIndex found: the lists, or that the view is too dense to gain from them, or not binary. */
export type SpikeLists = SpikeIndex | 'dense' | null;

/**
 * The lists of ones of `d` viewed as a [rows, cols] matrix, by row (CSR) or by column (CSC), built by
 * csrc/spike.c in two threaded passes (count, then fill) and cached on the data (data never changes).
 * Returns 'dense' when the ones are too many for the event-driven kernels to win (density above the
 * backend's cut-over: only the counts are kept), null when the values are not all 0 and 1.
 */
export function spikeIndex(
  ctx: WasmKernelContext,
  d: WasmData,
  rows: number,
  cols: number,
  byColumn: boolean,
): SpikeLists {
  const key = `${rows}x${cols}${byColumn ? 'c' : 'r'}`;
  d.spikeIndex ??= new Map();
  const hit = d.spikeIndex.get(key);
  if (hit !== undefined) return hit === null || hit.idx >= 0 ? hit : 'dense';
  const { rt } = ctx;
  const lists = byColumn ? cols : rows;
  const countBytes = lists * 4;
  const counts = ctx.temp(countBytes, 'spike index');
  const ptrBytes = (lists + 1) * 4;
  let ptr = 0;
  try {
    rt.call(
      byColumn ? 'snn_spike_count_cols' : 'snn_spike_count_rows',
      rows * cols,
      d.ptr,
      rows,
      cols,
      counts,
    );
    ptr = rt.heap.alloc(ptrBytes, 'spike index');
    const nnz = rt.exports.snn_prefix_sum(counts, ptr, lists);
    if (nnz < 0) {
      rt.heap.free(ptr, ptrBytes);
      d.spikeIndex.set(key, null);
      return null;
    }
    if (nnz > ctx.spikeDensityCutover * rows * cols) {
      rt.heap.free(ptr, ptrBytes);
      d.spikeIndex.set(key, { ptr: 0, idx: -1, nnz, lists, ptrBytes: 0, idxBytes: 0 });
      return 'dense';
    }
    const idxBytes = nnz * 4;
    const idx = rt.heap.alloc(idxBytes, 'spike index');
    if (byColumn) {
      const cursor = ctx.temp(countBytes, 'spike index');
      rt.call('snn_spike_fill_cols', rows * cols, d.ptr, rows, cols, ptr, idx, cursor);
      ctx.freeTemp(cursor, countBytes);
    } else {
      rt.call('snn_spike_fill_rows', rows * cols, d.ptr, rows, cols, ptr, idx);
    }
    const index: SpikeIndex = { ptr, idx, nnz, lists, ptrBytes, idxBytes };
    d.spikeIndex.set(key, index);
    return index;
  } finally {
    ctx.freeTemp(counts, countBytes);
  }
}

/** Frees the index blocks cached on a data block (when it is disposed). */
export function freeSpikeIndex(ctx: { rt: WasmKernelContext['rt'] }, d: WasmData): void {
  if (d.spikeIndex === undefined) return;
  for (const index of d.spikeIndex.values()) {
    if (index === null || index.idx < 0) continue;
    ctx.rt.heap.free(index.ptr, index.ptrBytes);
    ctx.rt.heap.free(index.idx, index.idxBytes);
  }
  d.spikeIndex = undefined;
}
