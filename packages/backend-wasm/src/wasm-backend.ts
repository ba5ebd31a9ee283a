import {
  ArgumentError,
  BackendError,
  type BackendValues,
  type DataId,
  type DType,
  formatShape,
  type KernelBackend,
  type KernelName,
  type KernelTable,
  sizeFromShape,
  type TensorInfo,
} from '@snn/core';
import { WASM_KERNELS } from './kernels/index.js';
import type { WasmKernelContext } from './kernels/kernel.js';
import { makeData } from './kernels/kernel.js';
import { freeDerived } from './kernels/spike-index.js';
import type { WasmHeapStats } from './runtime/heap.js';
import { WasmRuntime } from './runtime/runtime.js';
import { supportsSurrogate } from './surrogate-program.js';
import { BYTES, WasmData } from './wasm-data.js';

/** Options of {@link createWasmBackend} and {@link registerWasmBackend}: threads, cut-over, memory, where the .wasm is. */
export interface WasmBackendOptions {
  /**
   * Threads, the calling one included. Default: the available cores (Node's
   * os.availableParallelism(), a browser's navigator.hardwareConcurrency). Falls back to 1 where
   * threads cannot work: no SharedArrayBuffer (a page that is not cross-origin isolated) or a thread
   * that may not block (a browser's main thread).
   */
  threads?: number;
  /**
   * Fraction of ones below which a spike operand takes the event-driven kernels (SpikeMatMul, and
   * Conv2D / Conv2DBackpropFilter on spike input); above it the dense GEMM is faster. Default 0.25,
   * measured on x86-64 (see the README).
   */
  spikeDensityCutover?: number;
  /** Kernels with less work than this (about one element operation each) run on one thread. Default 16384. */
  parallelMin?: number;
  /** Spin iterations of a waiting thread before it sleeps in Atomics.wait. Default 20000. */
  spin?: number;
  /** Growth limit of the wasm memory in bytes (at most, and by default, 4 GiB: the wasm32 limit). */
  maxMemoryBytes?: number;
  /** Where to load the .wasm from, if not beside the package (a bundler that moves assets). */
  wasmUrl?: URL | string;
}

const DEFAULT_CUTOVER = 0.25;
const DEFAULT_PARALLEL_MIN = 16384;
const DEFAULT_SPIN = 20000;
const MAX_MEMORY = 4 * 1024 ** 3;

/** Can this thread block in Atomics.wait? (Not a browser's main thread.) */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

async function availableCores(): Promise<number> {
  if (typeof navigator !== 'undefined' && typeof navigator.hardwareConcurrency === 'number') {
    return navigator.hardwareConcurrency;
  }
  try {
    const specifier = 'node:os';
    const os = (await import(
      /* webpackIgnore: true */ /* @vite-ignore */ specifier
    )) as typeof import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  } catch {
    return 1;
  }
}

/**
 * The thread count to use: the request (or the cores), or 1 where threads cannot work here (no
 * SharedArrayBuffer, or a thread that may not block: a browser's main thread).
 *
 * @param requested - An integer from 1 to 64, or undefined for the available cores.
 * @example
 * ```ts
 * console.log(await resolveThreads(4)); // 4 in Node; 1 on a browser's main thread
 * console.log(await resolveThreads(undefined)); // the available cores, at most 64
 * ```
 */
export async function resolveThreads(requested: number | undefined): Promise<number> {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > 64)) {
    throw new ArgumentError(`backend 'wasm': threads must be an integer from 1 to 64, got ${requested}`);
  }
  const want = requested ?? (await availableCores());
  if (want <= 1) return 1;
  if (typeof SharedArrayBuffer === 'undefined' || !canBlock()) return 1;
  return Math.min(want, 64);
}

/**
 * The WebAssembly backend: our own SIMD kernels (C, compiled by clang to wasm32 + simd128) over one
 * memory shared by worker threads. Data live in that memory; kernels are synchronous, so reads are
 * too (`readSync`). Made by {@link createWasmBackend}, or through core's registry with
 * {@link registerWasmBackend}.
 *
 * @example
 * ```ts
 * const backend = await createWasmBackend({ threads: 2 });
 * console.log(backend.name, backend.threads); // wasm 2 (1 where threads cannot work)
 * backend.dispose(); // frees its memory and stops its worker threads
 * ```
 */
export class WasmBackend implements KernelBackend {
  /** The KernelBackend interface version this backend implements. */
  readonly specificationVersion = 'v1' as const;
  readonly name = 'wasm';
  readonly kernels: KernelTable;
  /** Threads the kernels run on (the calling one included). */
  readonly threads: number;
  readonly #rt: WasmRuntime;
  readonly #ctx: WasmKernelContext;
  readonly #live = new Set<WasmData>();
  #liveBytes = 0;

  private constructor(rt: WasmRuntime, cutover: number) {
    this.#rt = rt;
    this.threads = rt.threads;
    const live = this.#live;
    const self = this;
    this.#ctx = {
      rt,
      spikeDensityCutover: cutover,
      data: (info, kernel) => self.#dataOf(info.dataId, kernel),
      peek: (info, kernel) => self.#dataOf(info.dataId, kernel, false),
      output(shape, dtype, kernel) {
        const data = makeData(rt, shape, dtype, kernel);
        live.add(data);
        self.#liveBytes += data.bytes;
        return { info: { dataId: data, shape: [...shape], dtype }, data };
      },
      temp: (bytes, kernel) => rt.heap.alloc(bytes, kernel),
      freeTemp: (ptr, bytes) => rt.heap.free(ptr, bytes),
      release: (data) => self.disposeData(data),
      view(source, offset, shape) {
        const owner = source.owner ?? source;
        const size = sizeFromShape(shape);
        const data = new WasmData(source.ptr + offset * BYTES[source.dtype], 0, size, source.dtype);
        data.owner = owner;
        owner.views++;
        live.add(data);
        return { info: { dataId: data, shape: [...shape], dtype: source.dtype }, data };
      },
    };
    const table: Record<string, unknown> = {};
    for (const [name, kernel] of Object.entries(WASM_KERNELS)) {
      const ctx = this.#ctx;
      // biome-ignore lint/suspicious/noExplicitAny: inputs/attrs are typed per kernel by KernelTable.
      const fn = kernel as (inputs: any, attrs: any, c: WasmKernelContext) => TensorInfo | TensorInfo[];
      // biome-ignore lint/suspicious/noExplicitAny: as above
      table[name] = (inputs: any, attrs: any) => fn(inputs, attrs, ctx);
    }
    this.kernels = table as KernelTable;
  }

  /** Compiles the module, starts the worker threads and returns the backend (as {@link createWasmBackend}). */
  static async create(options: WasmBackendOptions = {}): Promise<WasmBackend> {
    const cutover = options.spikeDensityCutover ?? DEFAULT_CUTOVER;
    if (!(cutover >= 0 && cutover <= 1)) {
      throw new ArgumentError(`backend 'wasm': spikeDensityCutover must be in [0, 1], got ${cutover}`);
    }
    const threads = await resolveThreads(options.threads);
    const rt = await WasmRuntime.create({
      threads,
      parallelMin: options.parallelMin ?? DEFAULT_PARALLEL_MIN,
      spin: options.spin ?? DEFAULT_SPIN,
      initialBytes: 16 * 1024 * 1024,
      maxBytes: Math.min(options.maxMemoryBytes ?? MAX_MEMORY, MAX_MEMORY),
      wasmUrl: options.wasmUrl,
    });
    return new WasmBackend(rt, cutover);
  }

  /**
   * SpikeGrad and LIFSequenceGrad run every surrogate with an expression natively: core's built-ins
   * through their fused formulas, any other through its compiled program (src/surrogate-program.ts).
   */
  supportsSurrogate(name: string): boolean {
    return supportsSurrogate(name);
  }

  /** Whether kernel `name` is implemented natively (every kernel of the vocabulary is). */
  hasKernel(name: KernelName): boolean {
    return this.kernels[name] !== undefined;
  }

  write(values: BackendValues, shape: readonly number[], dtype: DType): DataId {
    const size = sizeFromShape(shape);
    if (values.length !== size) {
      throw new ArgumentError(
        `wasm.write: ${values.length} values do not fill shape ${formatShape(shape)} (${size})`,
      );
    }
    const { data } = this.#ctx.output(shape, dtype, 'write');
    const rt = this.#rt;
    if (dtype === 'float32') rt.f32.set(values, data.ptr >>> 2);
    else if (dtype === 'int32') rt.i32.set(values, data.ptr >>> 2);
    else {
      const u8 = rt.u8;
      for (let i = 0; i < size; i++) u8[data.ptr + i] = values[i] !== 0 ? 1 : 0;
    }
    return data;
  }

  async read(dataId: DataId): Promise<BackendValues> {
    return this.readSync(dataId);
  }

  readSync(dataId: DataId): BackendValues {
    const d = this.#dataOf(dataId, 'read');
    const rt = this.#rt;
    // slice() copies out of the (possibly shared) wasm memory into a fresh, unshared array.
    if (d.dtype === 'float32') return rt.f32.slice(d.ptr >>> 2, (d.ptr >>> 2) + d.size);
    if (d.dtype === 'int32') return rt.i32.slice(d.ptr >>> 2, (d.ptr >>> 2) + d.size);
    return rt.u8.slice(d.ptr, d.ptr + d.size);
  }

  disposeData(dataId: DataId): void {
    const d = dataId as WasmData;
    if (!(d instanceof WasmData) || d.disposed || !this.#live.has(d)) return;
    d.disposed = true;
    this.#live.delete(d);
    this.#liveBytes -= d.bytes;
    freeDerived(this.#ctx, d);
    const owner = d.owner;
    if (owner === undefined) {
      if (d.views === 0) this.#rt.heap.free(d.ptr, d.bytes);
    } else if (--owner.views === 0 && owner.disposed) {
      this.#rt.heap.free(owner.ptr, owner.bytes);
    }
  }

  memory(): {
    /** Live data (tensors' storage) on this backend. */
    buffers: number;
    /** Their bytes in the wasm memory. */
    bytes: number;
  } {
    return { buffers: this.#live.size, bytes: this.#liveBytes };
  }

  /** The heap behind the data: live and cached bytes, its size and peak (for benchmarks). */
  heapStats(): WasmHeapStats {
    return this.#rt.heap.stats();
  }

  /** Test hook: lowers the memory growth limit (to exercise the out-of-memory error). */
  limitMemory(bytes: number): void {
    this.#rt.heap.setMaxPages(Math.floor(bytes / 65536));
  }

  dispose(): void {
    for (const d of [...this.#live]) this.disposeData(d);
    this.#rt.dispose();
  }

  #dataOf(dataId: DataId, op: string, write = true): WasmData {
    const d = dataId as WasmData;
    if (!(d instanceof WasmData) || d.disposed || !this.#live.has(d)) {
      throw new BackendError(`backend 'wasm': ${op}: the data was disposed or belongs to another backend`);
    }
    if (write && d.pendingWrite !== undefined) {
      const pending = d.pendingWrite;
      d.pendingWrite = undefined;
      pending();
    }
    return d;
  }
}

/**
 * Starts the backend (loads and compiles the module, starts the worker threads).
 *
 * @param options - threads (default: the available cores), spikeDensityCutover (default 0.25),
 *   parallelMin (default 16384), spin (default 20000), maxMemoryBytes (default 4 GiB) and wasmUrl
 *   (default: beside the package).
 * @example
 * ```ts
 * // Register it under a name of your own, or use registerWasmBackend
 * registerBackend('wasm-1', () => createWasmBackend({ threads: 1 }), 40);
 * await setBackend('wasm-1');
 * console.log(getBackend().name); // wasm
 * ```
 */
export function createWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  return WasmBackend.create(options);
}
