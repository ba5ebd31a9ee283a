import { BackendError } from '@snn/core';
import { Heap, MAX_PAGES } from './heap.js';
import { ThreadPool } from './thread-pool.js';
import { type WasmVariant, wasmModule } from './wasm-binary.js';

type Fn = (...args: number[]) => number;
/** The module's exports this package calls (kernels take (..., part, parts); helpers do not). */
export type KernelExports = Record<string, Fn>;

/** Bytes of C stack per thread (the build reserves 64 KiB at address 0 for the first instance). */
const STACK_BYTES = 64 * 1024;
/** Parts per thread of a parallel kernel call (see ThreadPool.run). */
const PARTS_PER_THREAD = 4;
/** Int32 slots of the parameter block (shapes and strides of one call). */
const PARAM_INTS = 1024;

export interface RuntimeOptions {
  threads: number;
  /** Work (roughly, element operations) below which a kernel runs on the calling thread alone. */
  parallelMin: number;
  /** Spin iterations before a thread sleeps in Atomics.wait. */
  spin: number;
  /** Initial memory in bytes. */
  initialBytes: number;
  /** Growth limit in bytes (at most 4 GiB). */
  maxBytes: number;
  /** Override of the .wasm location. */
  wasmUrl?: URL | string;
}

/**
 * One instance of the kernel module over one memory, the heap that manages that memory, and the
 * threads that share it. Kernels call exports through `call`, which splits the work across the
 * threads when there is enough of it.
 */
export class WasmRuntime {
  readonly exports: KernelExports;
  readonly heap: Heap;
  readonly threads: number;
  readonly variant: WasmVariant;
  /** Views over the memory, replaced whenever it grows: take them after allocating outputs. */
  f32!: Float32Array;
  i32!: Int32Array;
  u32!: Uint32Array;
  u8!: Uint8Array;
  /** Address of the parameter block (int32 slots). */
  readonly params: number;
  readonly #memory: WebAssembly.Memory;
  readonly #pool: ThreadPool | undefined;
  readonly #index = new Map<string, number>();
  readonly #parallelMin: number;
  #disposed = false;

  private constructor(
    memory: WebAssembly.Memory,
    exports: KernelExports,
    heap: Heap,
    pool: ThreadPool | undefined,
    names: readonly string[],
    params: number,
    variant: WasmVariant,
    parallelMin: number,
  ) {
    this.#memory = memory;
    this.exports = exports;
    this.heap = heap;
    this.#pool = pool;
    this.threads = pool?.threads ?? 1;
    this.params = params;
    this.variant = variant;
    this.#parallelMin = parallelMin;
    names.forEach((n, k) => {
      this.#index.set(n, k);
    });
    this.refreshViews();
    heap.onGrow = () => this.refreshViews();
  }

  static async create(options: RuntimeOptions): Promise<WasmRuntime> {
    const threaded = options.threads > 1;
    const variant: WasmVariant = threaded ? 'threaded' : 'single';
    const module = await wasmModule(variant, options.wasmUrl);
    const maxPages = Math.max(1, Math.min(MAX_PAGES, Math.floor(options.maxBytes / 65536)));
    const initialPages = Math.min(maxPages, Math.max(32, Math.ceil(options.initialBytes / 65536)));
    const memory = new WebAssembly.Memory({
      initial: initialPages,
      maximum: MAX_PAGES,
      ...(threaded ? { shared: true } : {}),
    } as WebAssembly.MemoryDescriptor);
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const exports = instance.exports as unknown as KernelExports;
    const heapBase = (instance.exports.__heap_base as WebAssembly.Global).value as number;
    const heap = new Heap(memory, heapBase, maxPages);
    const names = WebAssembly.Module.exports(module)
      .filter((e) => e.kind === 'function' && e.name.startsWith('snn_'))
      .map((e) => e.name);
    // Per-thread scratch (packing buffers) and, for workers, their own C stacks.
    const scratchBytes = exports.snn_matmul_scratch_bytes();
    const stackTops: number[] = [STACK_BYTES];
    for (let slot = 0; slot < options.threads; slot++) {
      exports.snn_set_scratch(slot, heap.alloc(scratchBytes, 'start-up'), scratchBytes);
      if (slot > 0) stackTops.push(heap.alloc(STACK_BYTES, 'start-up') + STACK_BYTES);
    }
    const params = heap.alloc(PARAM_INTS * 4, 'start-up');
    let pool: ThreadPool | undefined;
    if (threaded) {
      pool = await ThreadPool.start({
        module,
        memory,
        threads: options.threads,
        stackTops,
        names,
        spin: options.spin,
      });
    }
    return new WasmRuntime(memory, exports, heap, pool, names, params, variant, options.parallelMin);
  }

  refreshViews(): void {
    const buffer = this.#memory.buffer;
    this.f32 = new Float32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.u8 = new Uint8Array(buffer);
  }

  /**
   * Runs export `name` with `args` (the kernel's own arguments, without part/parts): split into parts
   * taken by every thread when `work` reaches the parallel threshold, else whole on this thread. Returns the export's result on
   * the single-thread path (helpers such as snn_prefix_sum return a value).
   */
  call(name: string, work: number, ...args: number[]): number {
    if (this.#disposed) throw new BackendError("backend 'wasm' was disposed");
    const fn = this.exports[name];
    if (this.#pool !== undefined && work >= this.#parallelMin) {
      // A few parts per thread, so a thread the OS runs late leaves its share to the others.
      const parts = Math.min(
        PARTS_PER_THREAD * this.threads,
        Math.max(2, Math.floor(work / Math.max(this.#parallelMin, 4096))),
      );
      this.#pool.run(this.#index.get(name) as number, args, parts, fn);
      return 0;
    }
    return fn(...args, 0, 1);
  }

  /** Writes int32 values into the parameter block and returns its address. */
  writeParams(values: ArrayLike<number>): number {
    if (values.length > PARAM_INTS)
      throw new BackendError(`backend 'wasm': ${values.length} parameters exceed the block`);
    this.i32.set(values, this.params >>> 2);
    return this.params;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#pool?.dispose();
  }
}
