import {
  type BackendValues,
  type DataId,
  DisposedTensorError,
  type DType,
  type KernelBackend,
  type KernelName,
  type KernelTable,
  sizeFromShape,
  type TensorInfo,
} from '@snn/core';
import { BufferPool } from './buffer-pool.js';
import { type AcquiredDevice, acquireDevice, type DeviceOptions } from './device.js';
import { WebGPUError } from './errors.js';
import { MapMode, READBACK_USAGE, STORAGE_USAGE, UNIFORM_USAGE } from './gpu-constants.js';
import { KERNELS } from './kernels/index.js';
import { wgslSupportsSurrogate } from './kernels/surrogate-wgsl.js';
import { PipelineCache } from './pipeline-cache.js';
import type { Program, Uniforms } from './program.js';

/** Bytes of uniforms packed per upload (256 dispatches at the usual 256-byte offset alignment). */
const UNIFORM_ARENA_BYTES = 64 * 1024;

/**
 * What the backend knows of one tensor's data: its buffer and element count. Also the DataId.
 *
 * @param buffer - The storage buffer holding the elements (pooled by size class: possibly larger).
 * @param size - The element count.
 * @param dtype - float32, int32 or bool.
 * @example
 * ```ts
 * // A kernel of your own reads its input's buffer through the backend
 * const backend = await WebGPUBackend.create();
 * registerBackend('webgpu', () => backend, 10);
 * await setBackend('webgpu');
 * const x = tensor([1, 2, 3]);
 * const data: GPUData = backend.get(x.dataId);
 * console.log(data.size, data.dtype, data.buffer.size >= 12); // 3 float32 true
 * ```
 */
export class GPUData {
  constructor(
    /** The storage buffer holding the elements (possibly larger than needed: pooled by size class). */
    public readonly buffer: GPUBuffer,
    /** Element count. */
    public readonly size: number,
    /** Element type: float32, int32 or bool. */
    public readonly dtype: DType,
  ) {}
}

/**
 * Options of {@link WebGPUBackend.create} and {@link registerWebGPUBackend}: the device (see
 * {@link DeviceOptions}) and how large a command batch may grow.
 *
 * @example
 * ```ts
 * const backend = await WebGPUBackend.create({ powerPreference: 'high-performance', maxDispatchesPerSubmit: 1024 });
 * ```
 */
export interface WebGPUBackendOptions extends DeviceOptions {
  /**
   * Submit the open command batch after this many dispatches even without a read (bounds memory).
   * Default 4096.
   */
  readonly maxDispatchesPerSubmit?: number;
}

/** Counters for benchmarks and tests: how much GPU work the backend issued. */
export interface WebGPUStats {
  /** Compute dispatches encoded. */
  dispatches: number;
  /** Command batches submitted to the queue. */
  submits: number;
  /** Reads of tensor data back to the CPU. */
  reads: number;
  /** Uploads of tensor data from the CPU. */
  writes: number;
}

/**
 * The WebGPU kernel backend. Kernels encode compute dispatches into one open command encoder; the
 * batch is submitted by `flush()`, before a read, or every `maxDispatchesPerSubmit` dispatches.
 * Validation and out-of-memory errors are caught by error scopes around each batch and thrown by the
 * next `read()` / `flush()`; a lost device makes every later call throw.
 *
 * @example
 * ```ts
 * import * as snn from '@snn/core';
 * import { WebGPUBackend } from '@snn/backend-webgpu';
 *
 * const backend = await WebGPUBackend.create();
 * snn.registerBackend('webgpu', () => backend, 10);
 * await snn.setBackend('webgpu');
 * const a = snn.tensor([[1, 2], [3, 4]]);
 * console.log(await snn.matMul(a, a).array(), backend.stats.dispatches);
 * ```
 */
export class WebGPUBackend implements KernelBackend {
  /** The version of core's KernelBackend interface this backend implements. */
  readonly specificationVersion = 'v1' as const;
  readonly name = 'webgpu';
  readonly kernels: KernelTable;
  /** The device the kernels run on (destroyed by `dispose()` only when the backend created it). */
  readonly device: GPUDevice;
  /** A short description of the adapter, e.g. 'mesa software llvmpipe: Mesa 25.0.7'. */
  readonly adapterDescription: string;
  /** Counts of the GPU work issued so far (for benchmarks and tests). */
  readonly stats: WebGPUStats = { dispatches: 0, submits: 0, reads: 0, writes: 0 };
  /** Reuses freed storage buffers by size class, so steady-state training allocates nothing. */
  readonly pool: BufferPool;
  /** Compiled compute pipelines, keyed by kernel and dtypes. */
  readonly pipelines: PipelineCache;

  private readonly owned: boolean;
  private readonly maxDispatches: number;
  private readonly live = new Set<GPUData>();
  private liveBytes = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private batchDispatches = 0;
  /** Buffers freed while the open batch may still use them: pooled only after it is submitted. */
  private pendingFree: GPUBuffer[] = [];
  /** Uniform words of the open batch, packed at aligned offsets and uploaded with one write. */
  private arena: { buffer: GPUBuffer; data: Uint8Array; used: number } | null = null;
  private errorChecks: Promise<void>[] = [];
  private gpuError: string | null = null;
  private lostMessage: string | null = null;
  private readonly lostPromise: Promise<never>;
  private disposed = false;

  /**
   * Acquires a device (see {@link acquireDevice}) and returns a backend over it.
   *
   * @param options - The device or power preference (default: request one) and
   *   `maxDispatchesPerSubmit` (default 4096).
   * @returns The ready backend.
   * @throws WebGPUError where no WebGPU adapter exists, naming how to install one.
   *
   * @example
   * ```ts
   * const backend = await WebGPUBackend.create();
   * console.log(backend.adapterDescription);
   * backend.dispose();
   * ```
   */
  static async create(options: WebGPUBackendOptions = {}): Promise<WebGPUBackend> {
    return new WebGPUBackend(await acquireDevice(options), options);
  }

  private constructor(acquired: AcquiredDevice, options: WebGPUBackendOptions) {
    this.device = acquired.device;
    this.owned = acquired.owned;
    this.adapterDescription = acquired.adapterDescription;
    this.maxDispatches = options.maxDispatchesPerSubmit ?? 4096;
    this.pool = new BufferPool(this.device);
    this.pipelines = new PipelineCache(this.device);
    this.lostPromise = this.device.lost.then((info) => {
      this.lostMessage = `WebGPU device lost (${info.reason}): ${info.message}`;
      throw new WebGPUError(this.lostMessage);
    });
    this.lostPromise.catch(() => {});
    this.pushScopes();
    const table: Record<string, unknown> = {};
    for (const [name, impl] of Object.entries(KERNELS)) {
      table[name] = (inputs: unknown, attrs: unknown) =>
        (impl as (b: WebGPUBackend, i: unknown, a: unknown) => unknown)(this, inputs, attrs);
    }
    this.kernels = table as KernelTable;
  }

  /** Whether the backend has a native kernel of this name. */
  hasKernel(name: KernelName): boolean {
    return name in this.kernels;
  }

  // ---- storage ----

  /** SpikeGrad and LIFSequenceGrad compile any surrogate whose expression prints as WGSL. */
  supportsSurrogate(name: string): boolean {
    return wgslSupportsSurrogate(name);
  }

  write(values: BackendValues, shape: readonly number[], dtype: DType): DataId {
    this.assertUsable();
    const size = sizeFromShape(shape);
    if (values.length !== size) {
      throw new WebGPUError(
        `write: ${values.length} values for shape [${shape.join(', ')}] (${size} elements)`,
      );
    }
    const data = this.allocate(size, dtype);
    if (size > 0) {
      // bool becomes one u32 per element; a typed array of another kind than the dtype is converted.
      const words =
        dtype === 'bool'
          ? Uint32Array.from(values, (v) => (v !== 0 ? 1 : 0))
          : dtype === 'float32'
            ? values instanceof Float32Array
              ? values
              : Float32Array.from(values)
            : values instanceof Int32Array
              ? values
              : Int32Array.from(values);
      this.device.queue.writeBuffer(data.buffer, 0, words.buffer, words.byteOffset, size * 4);
    }
    this.stats.writes++;
    return data;
  }

  async read(dataId: DataId): Promise<BackendValues> {
    this.assertUsable();
    const data = this.get(dataId);
    this.stats.reads++;
    const bytes = data.size * 4;
    let words = new Uint32Array(0);
    if (bytes > 0) {
      const staging = this.pool.acquire(bytes, READBACK_USAGE, 'readback');
      this.endPass();
      this.getEncoder().copyBufferToBuffer(data.buffer, 0, staging, 0, bytes);
      this.submit();
      try {
        await Promise.race([staging.mapAsync(MapMode.READ, 0, bytes), this.lostPromise]);
      } catch (err) {
        await this.throwIfFailed();
        throw new WebGPUError(`read: mapping the readback buffer failed: ${String(err)}`);
      }
      words = new Uint32Array(staging.getMappedRange(0, bytes).slice(0));
      staging.unmap();
      this.pool.release(staging);
    }
    await this.throwIfFailed();
    if (data.dtype === 'float32') return new Float32Array(words.buffer, 0, data.size);
    if (data.dtype === 'int32') return new Int32Array(words.buffer, 0, data.size);
    return Uint8Array.from(words);
  }

  disposeData(dataId: DataId): void {
    const data = dataId as GPUData;
    if (!this.live.delete(data)) return;
    this.liveBytes -= data.size * 4;
    if (this.encoder) this.pendingFree.push(data.buffer);
    else this.pool.release(data.buffer);
  }

  async flush(): Promise<void> {
    this.assertUsable();
    this.submit();
    await this.throwIfFailed();
  }

  /** Live tensor data: `buffers` is the count of tensors, `bytes` their total size in bytes. */
  memory(): {
    /** Number of live tensors. */
    buffers: number;
    /** Their total size, in bytes. */
    bytes: number;
  } {
    return { buffers: this.live.size, bytes: this.liveBytes };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.live) d.buffer.destroy();
    this.live.clear();
    this.liveBytes = 0;
    for (const b of this.pendingFree) b.destroy();
    this.pendingFree = [];
    this.pool.clear();
    if (this.owned) this.device.destroy();
  }

  // ---- for kernels ----

  /** The GPUData behind a tensor; throws if it was disposed. */
  get(dataIdOrInfo: DataId | TensorInfo): GPUData {
    const id = 'dataId' in dataIdOrInfo ? (dataIdOrInfo as TensorInfo).dataId : dataIdOrInfo;
    const data = id as GPUData;
    if (!this.live.has(data)) {
      throw new DisposedTensorError('webgpu: data used after it was disposed (or from another backend)');
    }
    return data;
  }

  /** A fresh output tensor (contents undefined until a dispatch writes it). */
  output(shape: readonly number[], dtype: DType): TensorInfo {
    return { dataId: this.allocate(sizeFromShape(shape), dtype), shape: [...shape], dtype };
  }

  /** Encodes one dispatch of `program`. Skipped when the grid is empty. */
  run(
    program: Program,
    inputs: readonly TensorInfo[],
    outputs: readonly TensorInfo[],
    uniforms: Uniforms,
    workgroups: readonly [number, number, number],
  ): void {
    this.assertUsable();
    if (workgroups[0] * workgroups[1] * workgroups[2] === 0) return;
    const { pipeline, layout } = this.pipelines.get(program);
    const words = uniforms.words;
    const { buffer: ubuf, offset } = this.uniformSlot(words);
    const entries: GPUBindGroupEntry[] = [];
    let b = 0;
    for (const t of inputs) entries.push({ binding: b++, resource: { buffer: this.get(t).buffer } });
    for (const t of outputs) entries.push({ binding: b++, resource: { buffer: this.get(t).buffer } });
    entries.push({ binding: b, resource: { buffer: ubuf, offset, size: words.byteLength } });
    const bindGroup = this.device.createBindGroup({ label: program.key, layout, entries });
    const pass = this.getPass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(workgroups[0], workgroups[1], workgroups[2]);
    this.stats.dispatches++;
    if (++this.batchDispatches >= this.maxDispatches) this.submit();
  }

  /** Copies `count` elements between tensors' buffers (offsets in elements), in encoder order. */
  copy(src: TensorInfo, srcOffset: number, dst: TensorInfo, dstOffset: number, count: number): void {
    this.assertUsable();
    if (count === 0) return;
    this.endPass();
    this.getEncoder().copyBufferToBuffer(
      this.get(src).buffer,
      srcOffset * 4,
      this.get(dst).buffer,
      dstOffset * 4,
      count * 4,
    );
  }

  // ---- internals ----

  private allocate(size: number, dtype: DType): GPUData {
    const buffer = this.pool.acquire(Math.max(size, 1) * 4, STORAGE_USAGE, 'tensor');
    const data = new GPUData(buffer, size, dtype);
    this.live.add(data);
    this.liveBytes += size * 4;
    return data;
  }

  /**
   * A slot for one dispatch's uniforms in the batch's arena buffer. The arena is uploaded with one
   * writeBuffer when full or at submit (queue writes land before the submit that reads them).
   */
  private uniformSlot(words: Uint32Array): { buffer: GPUBuffer; offset: number } {
    const align = this.device.limits.minUniformBufferOffsetAlignment;
    const size = words.byteLength;
    if (this.arena && this.arena.used + size > this.arena.data.byteLength) this.uploadArena();
    if (!this.arena) {
      const bytes = Math.max(UNIFORM_ARENA_BYTES, size);
      this.arena = {
        buffer: this.pool.acquire(bytes, UNIFORM_USAGE, 'uniforms'),
        data: new Uint8Array(bytes),
        used: 0,
      };
    }
    const offset = this.arena.used;
    this.arena.data.set(new Uint8Array(words.buffer, words.byteOffset, size), offset);
    this.arena.used = Math.ceil((offset + size) / align) * align;
    return { buffer: this.arena.buffer, offset };
  }

  private uploadArena(): void {
    const arena = this.arena;
    if (!arena) return;
    this.arena = null;
    this.device.queue.writeBuffer(
      arena.buffer,
      0,
      arena.data.buffer,
      0,
      Math.min(arena.used, arena.data.byteLength),
    );
    this.pendingFree.push(arena.buffer);
  }

  private getEncoder(): GPUCommandEncoder {
    if (!this.encoder) {
      this.encoder = this.device.createCommandEncoder({ label: '@snn batch' });
      this.batchDispatches = 0;
    }
    return this.encoder;
  }

  private getPass(): GPUComputePassEncoder {
    if (!this.pass) this.pass = this.getEncoder().beginComputePass();
    return this.pass;
  }

  private endPass(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
  }

  private submit(): void {
    if (!this.encoder) return;
    this.endPass();
    this.uploadArena();
    this.device.queue.submit([this.encoder.finish()]);
    this.encoder = null;
    this.stats.submits++;
    for (const b of this.pendingFree) this.pool.release(b);
    this.pendingFree = [];
    this.popScopes();
    this.pushScopes();
  }

  private pushScopes(): void {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
  }

  private popScopes(): void {
    const record = (prefix: string) => (e: GPUError | null) => {
      if (e && this.gpuError === null) this.gpuError = `${prefix}${e.message}`;
    };
    // Scopes pop in reverse order of pushing: validation first, then out-of-memory.
    this.errorChecks.push(this.device.popErrorScope().then(record('validation: '), () => {}));
    this.errorChecks.push(this.device.popErrorScope().then(record('out of GPU memory: '), () => {}));
  }

  private async throwIfFailed(): Promise<void> {
    const checks = this.errorChecks;
    this.errorChecks = [];
    await Promise.race([Promise.all(checks), this.lostPromise]);
    if (this.lostMessage) throw new WebGPUError(this.lostMessage);
    if (this.gpuError !== null) {
      const msg = this.gpuError;
      this.gpuError = null;
      throw new WebGPUError(`WebGPU error in a submitted batch: ${msg}`);
    }
  }

  private assertUsable(): void {
    if (this.disposed) throw new WebGPUError('webgpu: the backend was disposed');
    if (this.lostMessage) throw new WebGPUError(this.lostMessage);
  }
}
