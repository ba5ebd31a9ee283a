import type { BackendValues, DataId, DType, TensorInfo } from './tensor-info.js';

/** Nested JavaScript arrays as returned by `Tensor.array()`. */
export type NestedArray = number | NestedArray[];

/**
 * What a Tensor needs from the engine. Passed in by the engine (never imported) so this file has no
 * runtime dependency on the engine and the two can be read apart.
 */
export interface TensorOwner {
  readTensor(t: Tensor): Promise<BackendValues>;
  readTensorSync(t: Tensor): BackendValues;
  disposeTensor(t: Tensor): void;
  reshapeTensor(t: Tensor, shape: readonly number[]): Tensor;
  cloneTensor(t: Tensor): Tensor;
}

/**
 * Marks a Tensor for `instanceof` across copies of @snn/core: a program that loaded two copies of the
 * same version shares one engine (global/shared-state.ts), and a tensor made through one copy must be a
 * Tensor to the other.
 */
const TENSOR_BRAND = Symbol.for('@snn/core.Tensor');

/**
 * A handle to data a backend owns: an id, a shape and a dtype. Tensors are immutable: every op returns
 * a new tensor. Free them with `dispose()` or create them inside `tidy()`.
 *
 * PyTorch: `torch.Tensor`; make one with `tensor()`, `zeros()`, `ones()`, `fill()`, `randomNormal()`.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]); // float32 [2, 2]
 * const y = tidy(() => mul(add(x, 1), 2)); // temporaries freed, y kept
 * console.log(y.shape, await y.array()); // [2, 2] [[4, 6], [8, 10]]
 * dispose([x, y]);
 * ```
 */
export class Tensor implements TensorInfo {
  /** A number unique to this handle within the program (shown in error messages as `#id`). */
  readonly id: number;
  /** Sizes of the axes, outermost first ([] for a scalar); frozen. */
  readonly shape: readonly number[];
  /** Element type: 'float32', 'int32' or 'bool'. */
  readonly dtype: DType;
  /** Number of elements, the product of `shape` (1 for a scalar). */
  readonly size: number;
  /** Number of axes, `shape.length`. */
  readonly rank: number;
  /**
   * @internal The engine's record of the (possibly shared) data: reshape and clone share it, and it
   * follows the data when it moves to another backend.
   */
  readonly record: {
    /** The data's handle in the backend that holds it. */
    readonly id: DataId;
  };
  /** Marks a trainable leaf (set by `variable()`); informative, gradients are asked for explicitly. */
  requiresGrad = false;
  /** Optional name, shown in error messages (variables, parameters). */
  name: string | undefined;
  /** @internal Survives `tidy()` (variables and `keep()`). */
  kept = false;
  /** @internal A cached scalar constant owned by the engine: `dispose()` leaves it alone. */
  readonly cached: boolean;
  /** @internal Set once the tensor is disposed (read it through `isDisposed`). */
  disposedFlag = false;
  /** @internal The engine registered it with its FinalizationRegistry backstop. */
  finalizerRegistered = false;
  readonly #owner: TensorOwner;

  /**
   * `x instanceof Tensor` is true for tensors made by any loaded copy of this version of @snn/core
   * (they share one engine), not only by this class object.
   */
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as { [TENSOR_BRAND]?: unknown })[TENSOR_BRAND] === true;
  }

  /** The brand `instanceof Tensor` checks (a `Symbol.for` key, the same in every copy of core). */
  get [TENSOR_BRAND](): true {
    return true;
  }

  constructor(
    owner: TensorOwner,
    id: number,
    record: { readonly id: DataId },
    shape: readonly number[],
    dtype: DType,
    cached = false,
  ) {
    this.#owner = owner;
    this.id = id;
    this.record = record;
    this.shape = Object.freeze(shape.slice());
    this.dtype = dtype;
    let size = 1;
    for (const d of shape) size *= d;
    this.size = size;
    this.rank = shape.length;
    this.cached = cached;
  }

  /**
   * True when every value is 0 or 1 (spikes), as the kernel that made the data guarantees (Spike, the
   * fused neuron kernels' spikes, a cast of a comparison, pooling or slicing of spikes...). Core then
   * runs matMul and conv2d on it event-driven where the backend can; false means "not known".
   */
  get binary(): boolean {
    return (this.record as { readonly binary?: boolean }).binary === true;
  }

  /** The backend's id of the data (shared by reshapes of the same data). */
  get dataId(): DataId {
    return this.record.id;
  }

  /** Whether `dispose()` was called (or a `tidy()` freed it); a disposed tensor cannot be used. */
  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** The values, row-major, as a fresh typed array. Works on every backend (GPU reads are async). */
  data(): Promise<BackendValues> {
    return this.#owner.readTensor(this);
  }

  /** Synchronous read; throws on backends that can only read asynchronously (use `await data()`). */
  dataSync(): BackendValues {
    return this.#owner.readTensorSync(this);
  }

  /** The values as nested arrays (a number for a scalar). */
  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape);
  }

  /** The values as nested arrays, read synchronously (throws where `dataSync()` does). */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape);
  }

  /** The single value of a one-element tensor (sync read). */
  item(): number {
    if (this.size !== 1) {
      throw new RangeError(`item(): tensor ${describeTensor(this)} has ${this.size} elements, expected 1`);
    }
    return this.dataSync()[0];
  }

  /**
   * Frees the handle; the backend frees the data when no reshape or clone still uses it. Calling it
   * twice is harmless; using the tensor afterwards throws.
   */
  dispose(): void {
    this.#owner.disposeTensor(this);
  }

  /** Same data, new shape (metadata only; one dimension may be -1). */
  reshape(shape: readonly number[]): Tensor {
    return this.#owner.reshapeTensor(this, shape);
  }

  /** A new handle on the same data (gradient: identity). */
  clone(): Tensor {
    return this.#owner.cloneTensor(this);
  }

  toString(): string {
    return `Tensor(${describeTensor(this)})`;
  }
}

/**
 * `#12 'fc1.weight' [100, 784] float32`: how errors name a tensor.
 *
 * @example
 * ```ts
 * const w = variable(zeros([100, 784]), { name: 'fc1.weight' });
 * console.log(describeTensor(w)); // #12 'fc1.weight' [100, 784] float32 (the id varies)
 * ```
 */
export function describeTensor(t: Tensor): string {
  const name = t.name === undefined ? '' : ` '${t.name}'`;
  return `#${t.id}${name} [${t.shape.join(', ')}] ${t.dtype}`;
}

function toNested(values: BackendValues, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return values[0];
  const build = (offset: number, dim: number): NestedArray[] => {
    const n = shape[dim];
    const out: NestedArray[] = new Array(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = values[offset + i];
      return out;
    }
    let inner = 1;
    for (let d = dim + 1; d < shape.length; d++) inner *= shape[d];
    for (let i = 0; i < n; i++) out[i] = build(offset + i * inner, dim + 1);
    return out;
  };
  return build(0, 0);
}
