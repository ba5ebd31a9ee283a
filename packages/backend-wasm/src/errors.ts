import { BackendError } from '@snn/core';

/**
 * A kernel (or write) needed more wasm memory than the heap could provide: 4 GiB is the wasm32
 * limit, and a browser may refuse to grow sooner. Names the kernel and the bytes it asked for, and
 * what the heap held at that moment, so a user can pick a smaller batch.
 *
 * @example
 * ```ts
 * registerWasmBackend({ maxMemoryBytes: 64 * 1024 ** 2 }); // a 64 MiB heap at most
 * await setBackend('wasm');
 * try {
 *   zeros([8192, 8192]); // 256 MiB of float32
 * } catch (e) {
 *   if (!(e instanceof WasmOutOfMemoryError)) throw e;
 *   console.log(e.kernel, e.bytesRequested, e.heapBytes); // what asked, for how much, in what heap
 * }
 * ```
 */
export class WasmOutOfMemoryError extends BackendError {
  constructor(
    /** The kernel (or 'write') that asked for the memory. */
    readonly kernel: string,
    /** The bytes it asked for. */
    readonly bytesRequested: number,
    /** The wasm memory's size when it failed. */
    readonly heapBytes: number,
    /** The bytes in use by live data when it failed. */
    readonly liveBytes: number,
  ) {
    super(
      `backend 'wasm': out of memory in ${kernel}: requested ${formatBytes(bytesRequested)} with ${formatBytes(liveBytes)} live in a ${formatBytes(heapBytes)} heap (the wasm32 limit is 4 GiB); use a smaller batch or fewer time steps`,
    );
    this.name = 'WasmOutOfMemoryError';
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
