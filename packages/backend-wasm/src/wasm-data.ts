import type { DType } from '@snn/core';

export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

/** Lists of the ones of a binary float32 matrix, by row (CSR) or by column (CSC). */
export interface SpikeIndex {
  /** int32 [lists + 1]: list r is idx[ptr[r] .. ptr[r+1]). */
  readonly ptr: number;
  /** int32 [nnz]: column (row) numbers in ascending order. */
  readonly idx: number;
  readonly nnz: number;
  readonly lists: number;
  /** Bytes of the two blocks, to free them. */
  readonly ptrBytes: number;
  readonly idxBytes: number;
}

/**
 * One tensor's data in wasm memory: the opaque DataId this backend hands to core. Data is immutable
 * once written (kernels never modify inputs), so what is derived from it, such as the lists of a
 * spike tensor's ones, is cached here and freed with it. A reshape in core shares the data under
 * another shape, so the cache is keyed by the matrix view (rows x cols, by row or by column).
 */
export class WasmData {
  /** null: the values are not all 0 and 1 for that view (the dense kernel runs). */
  spikeIndex: Map<string, SpikeIndex | null> | undefined;
  disposed = false;

  constructor(
    readonly ptr: number,
    /** Bytes allocated (size * bytes per element). */
    readonly bytes: number,
    readonly size: number,
    readonly dtype: DType,
  ) {}
}
