/*
 * Reuses GPUBuffers by size class and usage. Creating and destroying buffers on every kernel costs
 * far more than the work of small kernels; a training step allocates the same sizes every time.
 */

/**
 * The byte size actually allocated for a request: powers of two up to 4 KiB (at least 16 bytes),
 * above that the next multiple of a quarter of the request's power of two (so at most 25 % waste).
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 16) return 16;
  if (bytes <= 4096) return 2 ** Math.ceil(Math.log2(bytes));
  const p = 2 ** Math.floor(Math.log2(bytes));
  const step = p / 4;
  return Math.ceil(bytes / step) * step;
}

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private freeBytes = 0;
  /** Buffers created by the pool and not destroyed, in bytes (live plus free). */
  allocatedBytes = 0;
  created = 0;
  reused = 0;

  constructor(
    private readonly device: GPUDevice,
    /** Free buffers above this many bytes are destroyed instead of kept. */
    private readonly maxFreeBytes = 256 * 1024 * 1024,
  ) {}

  acquire(bytes: number, usage: number, label?: string): GPUBuffer {
    const size = sizeClass(bytes);
    const list = this.free.get(key(size, usage));
    const buf = list?.pop();
    if (buf) {
      this.freeBytes -= size;
      this.reused++;
      return buf;
    }
    this.created++;
    this.allocatedBytes += size;
    return this.device.createBuffer({ size, usage, label });
  }

  /** Returns a buffer for reuse. The caller guarantees no pending GPU work can observe a later write. */
  release(buf: GPUBuffer): void {
    if (this.freeBytes + buf.size > this.maxFreeBytes) {
      this.allocatedBytes -= buf.size;
      buf.destroy();
      return;
    }
    const k = key(buf.size, buf.usage);
    let list = this.free.get(k);
    if (!list) {
      list = [];
      this.free.set(k, list);
    }
    list.push(buf);
    this.freeBytes += buf.size;
  }

  /** Destroys every free buffer. */
  clear(): void {
    for (const list of this.free.values()) {
      for (const b of list) {
        this.allocatedBytes -= b.size;
        b.destroy();
      }
    }
    this.free.clear();
    this.freeBytes = 0;
  }
}

function key(size: number, usage: number): string {
  return `${size}:${usage}`;
}
