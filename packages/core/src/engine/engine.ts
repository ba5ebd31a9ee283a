import type { KernelBackend } from '../backend/kernel-backend.js';
import { createReferenceBackend } from '../backend/reference/reference-backend.js';
import { BackendRegistry } from '../backend/registry.js';
import {
  ArgumentError,
  asOutOfMemory,
  BackendError,
  DisposedTensorError,
  GradientError,
  ShapeError,
} from '../errors.js';
import { sharedState } from '../global/shared-state.js';
import { CORE_GRADIENTS } from '../gradients/index.js';
import type {
  KernelAttrs,
  KernelFunction,
  KernelName,
  OptionalKernelName,
} from '../kernels/kernel-signatures.js';
import { REQUIRED_KERNELS, SURROGATE_KERNELS } from '../kernels/kernel-signatures.js';
import { formatShape, shapesEqual, sizeFromShape } from '../kernels/shape-utils.js';
import { validateKernel } from '../kernels/validate.js';
import { CORE_DECOMPOSITIONS } from '../ops/decompositions/index.js';
import { describeTensor, Tensor, type TensorOwner } from '../tensor/tensor.js';
import type { BackendValues, DataId, DType, TensorInfo } from '../tensor/tensor-info.js';
import { BINARY_OUTPUT_RULES } from './binary-outputs.js';
import type { Decomposition, GradRule, KernelOutput, KernelTensors } from './kernel-types.js';
import { MULTI_OUTPUT_KERNELS } from './kernel-types.js';
import { backprop, type GradScope, releaseTape, type TapeNode, type Thunk } from './tape.js';

/** Engine-side record of one backend buffer (`Tensor.record`); reshapes share it. */
interface DataRecord {
  backend: KernelBackend;
  /** The backend's own id for the data. */
  id: DataId;
  refCount: number;
  readonly bytes: number;
  /** Scalar constants cached by the engine are not counted in memory(). */
  readonly cached: boolean;
  /** The values are all 0 or 1 (spikes), as the producing kernel guarantees (BINARY_OUTPUT_RULES). */
  binary: boolean;
}

interface TidyScope {
  readonly tensors: Tensor[];
}

/** What `memory()` reports: the engine's live tensors and the bytes their data holds on the backends. */
export interface MemoryInfo {
  /** Live tensors (handles), excluding the engine's cached scalar constants. */
  numTensors: number;
  /** Live distinct data buffers (reshapes share one), excluding cached scalars. */
  numDataBuffers: number;
  /** Bytes held by those buffers (size times 4 for float32 and int32, 1 for bool). */
  numBytes: number;
  /**
   * The highest `numBytes` since the engine started or since `resetPeakMemory()`: what a training
   * step (forward, tape, backward) needed at once, e.g. backprop-through-time memory.
   */
  peakBytes: number;
  /** Scalar constants the engine caches per backend and value (never freed; bounded). */
  numCachedScalars: number;
}

const BYTES: Record<DType, number> = { float32: 4, int32: 4, bool: 1 };
const APPLIES_SURROGATE: ReadonlySet<string> = new Set(SURROGATE_KERNELS);
const MAX_CACHED_SCALARS = 1024;
const MAX_CACHED_ZEROS = 32;

/**
 * The engine: owns tensor bookkeeping (reference-counted data, tidy scopes, memory counts), runs
 * kernels on the active backend (or core's decomposition of an optional kernel), and records the
 * gradient tape.
 */
export class Engine implements TensorOwner {
  readonly registry = new BackendRegistry(() =>
    this.registry.register('reference', createReferenceBackend, 0),
  );
  #nextId = 0;
  #numTensors = 0;
  #numBuffers = 0;
  #numBytes = 0;
  #peakBytes = 0;
  #numCached = 0;
  /** Backend data id -> record, so a backend that aliases an output to an input is counted right. */
  #records = new WeakMap<DataId, DataRecord>();
  readonly #tidyStack: TidyScope[] = [];
  readonly #gradScopes: GradScope[] = [];
  #noGradDepth = 0;
  readonly #gradRules = new Map<string, GradRule>();
  readonly #decompositions = new Map<string, Decomposition>();
  #coreRulesInstalled = false;
  readonly #scalars = new Map<KernelBackend, Map<string, Tensor>>();
  readonly #zeros = new Map<KernelBackend, Map<string, Tensor>>();
  /** Backstop for tensors dropped without dispose(): frees their data when they are collected. */
  readonly #finalizer = new FinalizationRegistry<DataRecord>((record) => {
    this.#numTensors--;
    this.#release(record);
  });

  // ---- backends -------------------------------------------------------------------------------

  backend(): KernelBackend {
    return this.registry.get();
  }

  hasKernel(name: KernelName): boolean {
    return this.backend().kernels[name] !== undefined;
  }

  // ---- tensor bookkeeping ---------------------------------------------------------------------

  #newRecord(backend: KernelBackend, id: DataId, shape: readonly number[], dtype: DType, cached = false) {
    const existing = this.#records.get(id);
    if (existing !== undefined && existing.refCount > 0 && existing.backend === backend) {
      existing.refCount++;
      return existing;
    }
    const record: DataRecord = {
      backend,
      id,
      refCount: 1,
      bytes: sizeFromShape(shape) * BYTES[dtype],
      cached,
      binary: false,
    };
    this.#records.set(id, record);
    if (cached) this.#numCached++;
    else {
      this.#numBuffers++;
      this.#numBytes += record.bytes;
      if (this.#numBytes > this.#peakBytes) this.#peakBytes = this.#numBytes;
    }
    return record;
  }

  #release(record: DataRecord): void {
    if (--record.refCount > 0) return;
    if (record.refCount < 0) return;
    if (record.cached) this.#numCached--;
    else {
      this.#numBuffers--;
      this.#numBytes -= record.bytes;
    }
    this.#records.delete(record.id);
    record.backend.disposeData(record.id);
  }

  /**
   * Wraps a record in a new handle; `track` adds it to the current tidy scope. A tensor a scope will
   * dispose needs no finalizer backstop: it is registered only when it can outlive every scope
   * (made outside one, untracked, returned from the outermost, or kept). Registration is a large
   * part of an op's cost and of the garbage collector's work, and almost every tensor dies in a scope.
   */
  #makeTensor(
    record: DataRecord,
    shape: readonly number[],
    dtype: DType,
    track = true,
    managed = false,
  ): Tensor {
    const t = new Tensor(this, this.#nextId++, record, shape, dtype);
    this.#numTensors++;
    const scope = track ? this.#tidyStack[this.#tidyStack.length - 1] : undefined;
    if (scope !== undefined) scope.tensors.push(t);
    else if (!managed) this.#backstop(t);
    return t;
  }

  /** Frees the data of `t` if it is garbage collected undisposed (registered once). */
  #backstop(t: Tensor): void {
    if (t.finalizerRegistered) return;
    t.finalizerRegistered = true;
    this.#finalizer.register(t, t.record as DataRecord, t);
  }

  /** A new handle on the same data (refcount + 1); `managed`: its owner always disposes it. */
  #share(t: Tensor, shape: readonly number[] = t.shape, track = true, managed = false): Tensor {
    const record = t.record as DataRecord;
    record.refCount++;
    return this.#makeTensor(record, shape, t.dtype, track, managed);
  }

  /** Creates a tensor from host values on the active backend. */
  makeTensor(values: BackendValues, shape: readonly number[], dtype: DType): Tensor {
    const backend = this.backend();
    const id = backend.write(values, shape, dtype);
    return this.#makeTensor(this.#newRecord(backend, id, shape, dtype), shape, dtype);
  }

  /**
   * A scalar constant for an op's number argument. Cached per backend, dtype and value (bounded):
   * such tensors are owned by the engine, never disposed and not counted in memory().numTensors.
   */
  scalarConst(value: number, dtype: DType): Tensor {
    const backend = this.backend();
    let cache = this.#scalars.get(backend);
    if (cache === undefined) {
      cache = new Map();
      this.#scalars.set(backend, cache);
    }
    const key = `${dtype}:${Object.is(value, -0) ? '-0' : value}`;
    const hit = cache.get(key);
    if (hit !== undefined && !hit.isDisposed) return hit;
    const values =
      dtype === 'float32'
        ? Float32Array.of(value)
        : dtype === 'int32'
          ? Int32Array.of(value)
          : Uint8Array.of(value ? 1 : 0);
    if (cache.size >= MAX_CACHED_SCALARS) return this.makeTensor(values, [], dtype);
    const record = this.#newRecord(backend, backend.write(values, [], dtype), [], dtype, true);
    const t = new Tensor(this, this.#nextId++, record, [], dtype, true);
    t.kept = true;
    cache.set(key, t);
    return t;
  }

  /**
   * A float32 tensor of zeros of `shape`, cached per backend and shape like scalarConst (bounded; the
   * data never changes, so every user can share it): the zero input of a fused neuron step and the
   * zero gradients of a fused kernel's unused outputs, at every time step.
   */
  zerosConst(shape: readonly number[]): Tensor {
    const backend = this.backend();
    let cache = this.#zeros.get(backend);
    if (cache === undefined) {
      cache = new Map();
      this.#zeros.set(backend, cache);
    }
    const key = shape.join(',');
    const hit = cache.get(key);
    if (hit !== undefined && !hit.isDisposed) return hit;
    const zero = this.scalarConst(0, 'float32');
    const fill = backend.kernels.BroadcastTo as KernelFunction<'BroadcastTo'>;
    const out = fill({ x: this.#info(zero, backend, 'zeros') }, { shape: [...shape] }) as TensorInfo;
    const cached = cache.size < MAX_CACHED_ZEROS;
    const record = this.#newRecord(backend, out.dataId, shape, 'float32', cached);
    if (!cached) return this.#makeTensor(record, shape, 'float32');
    const t = new Tensor(this, this.#nextId++, record, shape, 'float32', true);
    t.kept = true;
    cache.set(key, t);
    return t;
  }

  assertUsable(t: Tensor, op: string): void {
    if (!(t instanceof Tensor)) {
      throw new ArgumentError(`${op}: expected a Tensor, got ${t === null ? 'null' : typeof t}`);
    }
    if (t.disposedFlag) {
      throw new DisposedTensorError(`${op}: tensor ${describeTensor(t)} was disposed and cannot be used`);
    }
  }

  disposeTensor(t: Tensor): void {
    if (t.cached || t.disposedFlag) return;
    t.disposedFlag = true;
    this.#numTensors--;
    if (t.finalizerRegistered) this.#finalizer.unregister(t);
    this.#release(t.record as DataRecord);
  }

  async readTensor(t: Tensor): Promise<BackendValues> {
    this.assertUsable(t, 'data()');
    const record = t.record as DataRecord;
    // read() includes any work still batched (KernelBackend contract): no separate flush, so a GPU
    // backend submits once per read, not twice.
    return record.backend.read(record.id);
  }

  readTensorSync(t: Tensor): BackendValues {
    this.assertUsable(t, 'dataSync()');
    const record = t.record as DataRecord;
    if (record.backend.readSync === undefined) {
      throw new BackendError(
        `dataSync(): backend '${record.backend.name}' can only read data asynchronously; use \`await tensor.data()\` (or \`await tensor.array()\`)`,
      );
    }
    return record.backend.readSync(record.id);
  }

  memory(): MemoryInfo {
    return {
      numTensors: this.#numTensors,
      numDataBuffers: this.#numBuffers,
      numBytes: this.#numBytes,
      peakBytes: this.#peakBytes,
      numCachedScalars: this.#numCached,
    };
  }

  /** Starts a new peak measurement from the bytes live now. */
  resetPeakMemory(): void {
    this.#peakBytes = this.#numBytes;
  }

  // ---- scopes -----------------------------------------------------------------------------------

  tidy<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw new ArgumentError('tidy(fn): fn must be a function');
    const scope: TidyScope = { tensors: [] };
    this.#tidyStack.push(scope);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.#endScope(scope, undefined);
      throw e;
    }
    if (result instanceof Promise) {
      this.#endScope(scope, undefined);
      throw new ArgumentError('tidy(fn): fn must not be async (tensors would be freed before it resolves)');
    }
    this.#endScope(scope, result);
    return result;
  }

  #endScope(scope: TidyScope, result: unknown): void {
    const top = this.#tidyStack.pop();
    if (top !== scope) throw new Error('tidy scopes ended out of order (internal error)');
    const parent = this.#tidyStack[this.#tidyStack.length - 1];
    // Fast path for the common single-tensor result (every op runs in a scope): no Set to build.
    let keepSet: Set<Tensor> | undefined;
    if (!(result instanceof Tensor)) {
      keepSet = new Set<Tensor>();
      collectTensors(result, keepSet, 0);
    }
    for (const t of scope.tensors) {
      if (t.disposedFlag) continue;
      if (t.kept) this.#backstop(t);
      else if (keepSet ? keepSet.has(t) : t === result) {
        if (parent !== undefined) parent.tensors.push(t);
        else this.#backstop(t);
      } else this.disposeTensor(t);
    }
  }

  keep<T extends Tensor>(t: T): T {
    this.assertUsable(t, 'keep');
    t.kept = true;
    this.#backstop(t);
    return t;
  }

  noGrad<T>(fn: () => T): T {
    this.#noGradDepth++;
    try {
      return fn();
    } finally {
      this.#noGradDepth--;
    }
  }

  get isRecording(): boolean {
    return this.#noGradDepth === 0 && this.#gradScopes.length > 0;
  }

  /**
   * Identifies what the tape would record right now: the innermost gradient scope while recording,
   * null otherwise. A result memoised under one token may stand in for a recomputation only under the
   * same token (its tape node, if any, is on the tape that would record the recomputation).
   */
  get recordingToken(): object | null {
    return this.isRecording ? this.#gradScopes[this.#gradScopes.length - 1] : null;
  }

  // ---- metadata ops -----------------------------------------------------------------------------

  reshapeTensor(t: Tensor, shape: readonly number[]): Tensor {
    this.assertUsable(t, 'reshape');
    const newShape = inferShape(t.shape, shape);
    const out = this.#share(t, newShape);
    this.recordNode('Reshape', [t], [out], (dys) => [() => dys[0].reshape(t.shape)], false);
    return out;
  }

  cloneTensor(t: Tensor): Tensor {
    this.assertUsable(t, 'clone');
    const out = this.#share(t);
    this.recordNode('Clone', [t], [out], (dys) => [() => dys[0]], false);
    return out;
  }

  /** Same data, not connected to the tape. */
  detach(t: Tensor): Tensor {
    this.assertUsable(t, 'detach');
    return this.#share(t);
  }

  /** A handle that survives tidy (variables). */
  keptCopy(t: Tensor): Tensor {
    this.assertUsable(t, 'variable');
    const out = this.#share(t, t.shape, false);
    out.kept = true;
    return out;
  }

  // ---- kernels ----------------------------------------------------------------------------------

  #installCoreRules(): void {
    if (this.#coreRulesInstalled) return;
    this.#coreRulesInstalled = true;
    // Rules registered by a user before first use win over core's.
    for (const rule of CORE_GRADIENTS) {
      if (!this.#gradRules.has(rule.kernelName)) this.#gradRules.set(rule.kernelName, rule);
    }
    for (const [name, fn] of CORE_DECOMPOSITIONS) {
      if (!this.#decompositions.has(name)) this.#decompositions.set(name, fn);
    }
  }

  registerGradient(rule: GradRule): void {
    this.#installCoreRules();
    this.#gradRules.set(rule.kernelName, rule);
  }

  getGradient(name: string): GradRule | undefined {
    this.#installCoreRules();
    return this.#gradRules.get(name);
  }

  registerDecomposition<K extends OptionalKernelName>(name: K, fn: Decomposition<K>): void {
    this.#installCoreRules();
    this.#decompositions.set(name, fn as unknown as Decomposition);
  }

  getDecomposition<K extends OptionalKernelName>(name: K): Decomposition<K> | undefined {
    this.#installCoreRules();
    return this.#decompositions.get(name) as Decomposition<K> | undefined;
  }

  /** Moves data made on another backend (after setBackend) to `backend`; needs a sync read. */
  #onBackend(t: Tensor, backend: KernelBackend, op: string): DataId {
    const record = t.record as DataRecord;
    if (record.backend === backend) return record.id;
    const from = record.backend;
    if (from.readSync === undefined) {
      throw new BackendError(
        `${op}: tensor ${describeTensor(t)} lives on backend '${from.name}', which cannot read synchronously; move it with \`tensor(await t.data(), t.shape, t.dtype)\``,
      );
    }
    const values = from.readSync(record.id);
    const newId = backend.write(
      values,
      sizeFromShape(t.shape) === values.length ? t.shape : [values.length],
      t.dtype,
    );
    this.#records.delete(record.id);
    from.disposeData(record.id);
    record.backend = backend;
    record.id = newId;
    this.#records.set(newId, record);
    return newId;
  }

  /**
   * Runs a kernel: the active backend's implementation when it has one, otherwise core's
   * decomposition (optional kernels). Records the tape when a gradient is being taken.
   */
  runKernel<K extends KernelName>(name: K, inputs: KernelTensors<K>, attrs: KernelAttrs<K>): KernelOutput<K> {
    this.#installCoreRules();
    const names = Object.keys(inputs) as (keyof KernelTensors<K> & string)[];
    const flat: Tensor[] = [];
    for (const key of names) {
      const v = inputs[key] as Tensor | readonly Tensor[];
      if (Array.isArray(v)) for (const t of v as readonly Tensor[]) flat.push(t);
      else flat.push(v as Tensor);
    }
    for (const t of flat) this.assertUsable(t, name);
    // Inputs and attrs are checked once, here: kernels and decompositions may assume them valid.
    validateKernel(name, inputs as never, attrs);
    const backend = this.backend();
    const impl = this.#nativeKernel(backend, name, attrs);
    let outputs: Tensor[];
    const rule = this.#gradRules.get(name);
    if (impl !== undefined) {
      const infos: Record<string, TensorInfo | TensorInfo[]> = {};
      for (const key of names) {
        const v = inputs[key] as Tensor | readonly Tensor[];
        infos[key] = Array.isArray(v)
          ? (v as readonly Tensor[]).map((t) => this.#info(t, backend, name))
          : this.#info(v as Tensor, backend, name);
      }
      let out: TensorInfo | TensorInfo[];
      try {
        out = impl(infos as never, attrs);
      } catch (error) {
        // An allocation failure becomes one typed error naming the kernel (and the bytes, if known).
        throw asOutOfMemory(error, name, backend.name) ?? error;
      }
      const outInfos = Array.isArray(out) ? out : [out];
      outputs = outInfos.map((o) =>
        this.#makeTensor(this.#newRecord(backend, o.dataId, o.shape, o.dtype), o.shape, o.dtype),
      );
      if (Array.isArray(out) !== MULTI_OUTPUT_KERNELS.has(name)) {
        throw new BackendError(
          `backend '${backend.name}': kernel ${name} returned ${Array.isArray(out) ? 'an array' : 'one tensor'}, expected ${MULTI_OUTPUT_KERNELS.has(name) ? 'an array' : 'one tensor'}`,
        );
      }
    } else {
      const decomposition = this.#decompositions.get(name);
      if (decomposition === undefined) {
        const required = (REQUIRED_KERNELS as readonly string[]).includes(name);
        throw new BackendError(
          required
            ? `backend '${backend.name}' does not implement the required kernel ${name}`
            : `backend '${backend.name}' does not implement the optional kernel ${name} and core has no decomposition of it registered`,
        );
      }
      // With a gradient rule, the decomposition's pieces are not recorded: the rule is used instead.
      const run = () =>
        this.tidy(() => {
          const r = decomposition(inputs as never, attrs as never) as Tensor | Tensor[];
          const arr = Array.isArray(r) ? r : [r];
          // A decomposition may hand an input back unchanged; outputs must be new handles.
          return arr.map((t) => (flat.includes(t) ? this.#share(t) : t));
        });
      outputs = rule !== undefined ? this.noGrad(run) : run();
      if (rule === undefined) {
        markBinary(name, inputs, attrs, outputs);
        return (MULTI_OUTPUT_KERNELS.has(name) ? outputs : outputs[0]) as KernelOutput<K>;
      }
    }
    markBinary(name, inputs, attrs, outputs);
    if (this.isRecording) {
      const backward =
        rule === undefined ? undefined : this.#ruleBackward(rule, names, inputs, attrs, outputs.length);
      this.recordNode(
        name,
        flat,
        outputs,
        backward,
        rule === undefined ? true : toSave(rule, names, inputs, outputs),
      );
    }
    return (MULTI_OUTPUT_KERNELS.has(name) ? outputs : outputs[0]) as KernelOutput<K>;
  }

  /**
   * The backend's kernel, unless it is missing or applies a surrogate the backend does not support
   * natively (then core's decomposition runs).
   */
  #nativeKernel<K extends KernelName>(
    backend: KernelBackend,
    name: K,
    attrs: KernelAttrs<K>,
  ): KernelFunction<K> | undefined {
    const impl = backend.kernels[name] as KernelFunction<K> | undefined;
    if (impl === undefined || !APPLIES_SURROGATE.has(name)) return impl;
    const surrogate = (attrs as { readonly surrogate: string }).surrogate;
    return backend.supportsSurrogate?.(surrogate) === true ? impl : undefined;
  }

  #info(t: Tensor, backend: KernelBackend, op: string): TensorInfo {
    return { dataId: this.#onBackend(t, backend, op), shape: t.shape, dtype: t.dtype };
  }

  /**
   * Adapts a kernel's gradient rule to the tape's flat list of input thunks. `saved` holds the
   * inputs then the outputs, as the tape's own handles (so a user's dispose() cannot free them).
   */
  #ruleBackward<K extends KernelName>(
    rule: GradRule,
    names: readonly string[],
    inputs: KernelTensors<K>,
    attrs: KernelAttrs<K>,
    numOutputs: number,
  ): TapeNode['backward'] {
    const declared = rule.inputsToSave !== undefined || rule.outputsToSave !== undefined;
    return (dys, saved) => {
      let k = 0;
      const structured: Record<string, Tensor | Tensor[]> = {};
      for (const key of names) {
        if (declared && !rule.inputsToSave?.includes(key)) continue;
        const v = (inputs as Record<string, Tensor | readonly Tensor[]>)[key];
        if (Array.isArray(v)) {
          structured[key] = saved.slice(k, k + v.length);
          k += v.length;
        } else structured[key] = saved[k++];
      }
      let outputs: Tensor[] = saved.slice(k);
      if (declared) {
        outputs = new Array<Tensor>(numOutputs);
        for (const o of rule.outputsToSave ?? []) outputs[o] = saved[k++];
      }
      const thunks = rule.gradFunc(
        dys[0],
        { inputs: structured as never, outputs, dys },
        attrs as never,
      ) as Record<string, (() => Tensor | Tensor[]) | undefined>;
      const flat: (Thunk | undefined)[] = [];
      for (const key of names) {
        const v = (inputs as Record<string, Tensor | readonly Tensor[]>)[key];
        const thunk = thunks[key];
        if (Array.isArray(v)) {
          let memo: Tensor[] | undefined;
          const all = () => {
            memo ??= thunk!() as Tensor[];
            return memo;
          };
          for (let i = 0; i < v.length; i++) flat.push(thunk === undefined ? undefined : () => all()[i]);
        } else flat.push(thunk as Thunk | undefined);
      }
      return flat;
    };
  }

  /**
   * Records a node on every active gradient scope that tracks one of its inputs. `backward` maps the
   * output gradients and the saved handles (inputs then outputs when `save` is true, or the given
   * tensors) to one thunk per input; undefined marks an op without a gradient.
   */
  recordNode(
    name: string,
    inputs: readonly Tensor[],
    outputs: readonly Tensor[],
    backward: TapeNode['backward'],
    save: boolean | readonly Tensor[],
  ): void {
    if (!this.isRecording) return;
    for (const scope of this.#gradScopes) {
      if (!inputs.some((t) => scope.tracked.has(t.id))) continue;
      const toSave = save === true ? [...inputs, ...outputs] : save === false ? [] : save;
      const saved = toSave.map((t) => this.#hold(t, scope));
      scope.tape.push({ name, inputs, outputs, backward, saved });
      for (const o of outputs) scope.tracked.add(o.id);
    }
  }

  /**
   * The tape's own handle on a saved tensor. For gradients of gradients, an outer computation that
   * tracks `t` must see the handle as t itself: it gets an identity node from t to the handle.
   */
  #hold(t: Tensor, owner: GradScope): Tensor {
    // releaseTape frees the tape's handles, whatever happens (gradients() releases in a finally).
    const h = this.#share(t, t.shape, false, true);
    for (const scope of this.#gradScopes) {
      if (scope === owner || !scope.tracked.has(t.id)) continue;
      scope.tape.push({
        name: 'Clone',
        inputs: [t],
        outputs: [h],
        backward: (dys) => [() => dys[0]],
        saved: [],
      });
      scope.tracked.add(h.id);
    }
    return h;
  }

  // ---- gradients --------------------------------------------------------------------------------

  /**
   * Value of `f()` and its gradients with respect to `xs` (zeros where f does not depend on an x).
   * `dy` seeds the backward pass (ones by default, i.e. the gradient of sum(f())).
   */
  gradients(f: () => Tensor, xs: readonly Tensor[], dy?: Tensor): { value: Tensor; grads: Tensor[] } {
    for (const x of xs) this.assertUsable(x, 'gradients');
    return this.tidy(() => {
      const scope: GradScope = { tape: [], tracked: new Set(xs.map((x) => x.id)) };
      this.#gradScopes.push(scope);
      let value: Tensor;
      try {
        value = f();
      } catch (e) {
        releaseTape(scope, this);
        throw e;
      } finally {
        const i = this.#gradScopes.lastIndexOf(scope);
        this.#gradScopes.splice(i, 1);
      }
      try {
        if (!(value instanceof Tensor)) {
          throw new ArgumentError('gradients: the function must return a Tensor');
        }
        this.assertUsable(value, 'gradients');
        if (dy !== undefined && !shapesEqual(dy.shape, value.shape)) {
          throw new ShapeError(
            `gradients: dy has shape ${formatShape(dy.shape)} but f() returned ${formatShape(value.shape)}`,
          );
        }
        const grads = backprop(this, scope, value, dy, xs);
        return { value, grads };
      } finally {
        releaseTape(scope, this);
      }
    });
  }

  /** Throws the GradientError for an x no gradient reaches because `op` stopped it. */
  blockedError(x: Tensor, op: string): GradientError {
    return new GradientError(
      `no gradient reaches tensor ${describeTensor(x)}: every path from the result to it passes through ${op}, which is not differentiable`,
    );
  }
}

/**
 * What the tape keeps of a kernel call for its gradient rule: every input then every output, or, when
 * the rule declares them (inputsToSave / outputsToSave), only those, in that order. A fused neuron
 * kernel's backward needs two of its seven tensors: keeping the rest held every step's state and
 * input alive until the backward pass.
 */
function toSave(
  rule: GradRule,
  names: readonly string[],
  inputs: object,
  outputs: readonly Tensor[],
): boolean | Tensor[] {
  if (rule.inputsToSave === undefined && rule.outputsToSave === undefined) return true;
  const list: Tensor[] = [];
  for (const key of rule.inputsToSave ?? []) {
    if (!names.includes(key)) continue;
    const v = (inputs as Record<string, Tensor | readonly Tensor[]>)[key];
    if (Array.isArray(v)) list.push(...(v as readonly Tensor[]));
    else list.push(v as Tensor);
  }
  for (const o of rule.outputsToSave ?? []) list.push(outputs[o]);
  return list;
}

/** Marks the outputs the kernel guarantees to be 0/1 (see binary-outputs.ts). */
function markBinary(name: KernelName, inputs: object, attrs: object, outputs: readonly Tensor[]): void {
  const rule = BINARY_OUTPUT_RULES[name];
  if (rule === undefined) return;
  const verdict = rule(inputs as never, attrs as Record<string, unknown>);
  for (let k = 0; k < outputs.length; k++) {
    if (typeof verdict === 'boolean' ? verdict : verdict[k]) (outputs[k].record as DataRecord).binary = true;
  }
}

/** Resolves one -1 and checks the element count; ShapeError names reshape and both shapes. */
export function inferShape(from: readonly number[], shape: readonly number[]): number[] {
  const size = sizeFromShape(from);
  const out = [...shape];
  const neg = out.indexOf(-1);
  if (neg !== out.lastIndexOf(-1)) {
    throw new ShapeError(
      `reshape: at most one -1 allowed, got ${formatShape(shape)} for ${formatShape(from)}`,
    );
  }
  if (out.some((d, i) => i !== neg && (!Number.isInteger(d) || d < 0))) {
    throw new ShapeError(
      `reshape: invalid shape ${formatShape(shape)} for a tensor of shape ${formatShape(from)}`,
    );
  }
  if (neg >= 0) {
    const rest = out.reduce((p, d, i) => (i === neg ? p : p * d), 1);
    if (rest === 0 || size % rest !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)}`,
      );
    }
    out[neg] = size / rest;
  }
  if (sizeFromShape(out) !== size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(from)} (${size} elements) to ${formatShape(shape)}`,
    );
  }
  return out;
}

function collectTensors(v: unknown, into: Set<Tensor>, depth: number): void {
  if (v === null || typeof v !== 'object' || depth > 8) return;
  if (v instanceof Tensor) {
    into.add(v);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) collectTensors(x, into, depth + 1);
    return;
  }
  if (v instanceof Map) {
    for (const x of v.values()) collectTensors(x, into, depth + 1);
    return;
  }
  if (ArrayBuffer.isView(v)) return;
  for (const x of Object.values(v)) collectTensors(x, into, depth + 1);
}

/** The one engine of the program, shared by every copy of @snn/core of this version (global/shared-state.ts). */
export const ENGINE: Engine = sharedState('engine', () => new Engine());
