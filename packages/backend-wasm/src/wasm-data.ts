import type { DType } from '@snn/core';

export const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };

/** Lists of the ones of each row of a binary float32 matrix (CSR without values: they are all 1). */
export interface SpikeIndex {
  /** int32 [lists + 1]: list r is idx[ptr[r] .. ptr[r+1]). */
  readonly ptr: number;
  /** int32 [nnz]: column numbers in ascending order. */
  readonly idx: number;
  readonly nnz: number;
  readonly lists: number;
  /** Bytes of the two blocks, to free them. */
  readonly ptrBytes: number;
  readonly idxBytes: number;
}

/** A block derived from some data (a transposed copy), freed with it. */
export interface DerivedBlock {
  readonly ptr: number;
  readonly bytes: number;
}

/**
 * One tensor's data in wasm memory: the opaque DataId this backend hands to core. Data is immutable
 * once written (kernels never modify inputs), so what is derived from it, such as the lists of a
 * spike tensor's ones or a weight's transpose, is cached here and freed with it. A reshape in core
 * shares the data under another shape, so caches are keyed by the matrix view (rows x cols).
 */
export class WasmData {
  /**
   * The block this data lies in when it is a view (a contiguous Slice shares its input's memory:
   * data never changes, so sharing is invisible to core). The block is freed when its owner and
   * every view of it are disposed.
   */
  owner: WasmData | undefined;
  /** Live views into this data's block. */
  views = 0;
  /** null: the values are not all 0 and 1 for that view (the dense kernel runs). */
  spikeIndex: Map<string, SpikeIndex | null> | undefined;
  /** Transposed copies by view: a weight used at every time step is transposed once. */
  transposed: Map<string, DerivedBlock> | undefined;
  /**
   * Writes the values when they are first needed: a kernel that leaves a spike index on its output
   * (LIFSpikesFromState) may defer writing the dense 0/1 values, which the event-driven products never
   * read. The backend runs it (once) before any kernel or read sees the data (`ctx.data`, `readSync`).
   */
  pendingWrite: (() => void) | undefined;
  disposed = false;

  constructor(
    readonly ptr: number,
    /** Bytes allocated (size * bytes per element). */
    readonly bytes: number,
    readonly size: number,
    readonly dtype: DType,
  ) {}
}
