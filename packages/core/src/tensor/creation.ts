import { ENGINE } from '../engine/engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { formatShape, sizeFromShape } from '../kernels/shape-utils.js';
import { uniformFloat32 } from '../random/philox.js';
import type { Tensor } from './tensor.js';
import type { BackendValues, DType } from './tensor-info.js';

/** Nested arrays of numbers or booleans, as accepted by `tensor()`. */
export type NestedValues = number | boolean | readonly NestedValues[];

function checkShape(shape: readonly number[], op: string): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(
      `${op}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`,
    );
  }
}

function inferShape(values: NestedValues): number[] {
  const shape: number[] = [];
  let v: NestedValues = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = (v as readonly NestedValues[])[0];
  }
  return shape;
}

function flattenInto(v: NestedValues, shape: readonly number[], dim: number, out: number[]): void {
  if (dim === shape.length) {
    if (Array.isArray(v))
      throw new ShapeError(`tensor: ragged nested array (expected shape ${formatShape(shape)})`);
    out.push(typeof v === 'boolean' ? (v ? 1 : 0) : (v as number));
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[dim]) {
    throw new ShapeError(`tensor: ragged nested array (expected shape ${formatShape(shape)})`);
  }
  for (const item of v as readonly NestedValues[]) flattenInto(item, shape, dim + 1, out);
}

function typedFor(dtype: DType, values: ArrayLike<number>): BackendValues {
  if (dtype === 'float32') return values instanceof Float32Array ? values : Float32Array.from(values);
  if (dtype === 'int32') return values instanceof Int32Array ? values : Int32Array.from(values);
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  return out;
}

/**
 * A tensor from values: a typed array or a flat array (with `shape`), or nested arrays (shape
 * inferred). dtype defaults from the values: Int32Array -> int32, Uint8Array or booleans -> bool,
 * otherwise float32.
 *
 * @param values - Nested arrays, a flat array (with shape) or a typed array.
 * @param shape - The shape; default inferred from the nesting (a typed array: 1-D).
 * @param dtype - Default from the values: Int32Array int32, Uint8Array or booleans bool, otherwise float32.
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]); // float32 [2, 2], shape inferred
 * const flat = tensor([1, 2, 3, 4, 5, 6], [2, 3]); // a flat array with its shape
 * const labels = tensor(new Int32Array([3, 1, 4])); // int32 [3]
 * const mask = tensor([true, false]); // bool [2]
 * console.log(x.shape, flat.shape, labels.dtype, mask.dtype); // [2, 2] [2, 3] 'int32' 'bool'
 * ```
 */
export function tensor(
  values: NestedValues | Float32Array | Int32Array | Uint8Array,
  shape?: readonly number[],
  dtype?: DType,
): Tensor {
  let flat: ArrayLike<number>;
  let inferred: number[];
  let defaultType: DType = 'float32';
  if (ArrayBuffer.isView(values)) {
    flat = values;
    inferred = [values.length];
    if (values instanceof Int32Array) defaultType = 'int32';
    else if (values instanceof Uint8Array) defaultType = 'bool';
  } else {
    inferred = inferShape(values);
    const out: number[] = [];
    flattenInto(values, inferred, 0, out);
    flat = out;
    let first: NestedValues = values;
    while (Array.isArray(first)) first = (first as readonly NestedValues[])[0];
    if (typeof first === 'boolean') defaultType = 'bool';
  }
  const s = shape ?? inferred;
  checkShape(s, 'tensor');
  if (sizeFromShape(s) !== flat.length) {
    throw new ShapeError(
      `tensor: ${flat.length} values do not fill shape ${formatShape(s)} (${sizeFromShape(s)} elements)`,
    );
  }
  const dt = dtype ?? defaultType;
  return ENGINE.makeTensor(typedFor(dt, flat), s, dt);
}

/**
 * A rank-0 tensor holding `value` (dtype from the value as `tensor()` infers it, or `dtype`).
 *
 * @example
 * ```ts
 * const beta = scalar(0.9); // float32 []
 * ```
 */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype);
}

/**
 * A tensor of `shape` filled with `value`, filled by the backend (BroadcastTo of the cached scalar):
 * no host array to allocate and upload (initial neuron states are made every batch).
 *
 * @param shape - The shape.
 * @param value - The fill value.
 * @param dtype - Default 'float32'.
 * @example
 * ```ts
 * const vTh = fill([100], 0.5); // a threshold of 0.5 for each of 100 neurons
 * const counts = fill([2, 3], 7, 'int32');
 * ```
 */
export function fill(shape: readonly number[], value: number, dtype: DType = 'float32'): Tensor {
  checkShape(shape, 'fill');
  return ENGINE.runKernel('BroadcastTo', { x: ENGINE.scalarConst(value, dtype) }, { shape: [...shape] });
}

/**
 * A tensor of `shape` filled with 0 (dtype default float32). PyTorch: `torch.zeros(shape)`.
 *
 * @example
 * ```ts
 * const v0 = zeros([32, 100]); // a membrane at rest for 32 samples of 100 neurons
 * ```
 */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 0, dtype);
}

/**
 * A tensor of `shape` filled with 1 (dtype default float32; true for bool). PyTorch: `torch.ones(shape)`.
 *
 * @param shape - The shape.
 * @param dtype - Default 'float32'.
 * @example
 * ```ts
 * const w = ones([10, 10]); // float32 [10, 10] of 1
 * ```
 */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return fill(shape, 1, dtype);
}

/**
 * Zeros of x's shape and dtype. PyTorch: `torch.zeros_like(x)`.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const v0 = zerosLike(x); // float32 [2, 2] of 0
 * ```
 */
export function zerosLike(x: Tensor): Tensor {
  ENGINE.assertUsable(x, 'zerosLike');
  return fill(x.shape, 0, x.dtype);
}

/**
 * Ones of x's shape and dtype. PyTorch: `torch.ones_like(x)`.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const y = onesLike(x); // float32 [2, 2] of 1
 * ```
 */
export function onesLike(x: Tensor): Tensor {
  ENGINE.assertUsable(x, 'onesLike');
  return fill(x.shape, 1, x.dtype);
}

/**
 * start, start + step, ... below stop (float32; with one argument: 0 .. start).
 *
 * @param start - The first value (with one argument: the end, starting at 0).
 * @param stop - The end, excluded.
 * @param step - Default 1.
 * @example
 * ```ts
 * console.log(arange(4).dataSync()); // Float32Array [0, 1, 2, 3]
 * console.log(arange(0, 1, 0.25).dataSync()); // Float32Array [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0 || !Number.isFinite(step))
    throw new ArgumentError(`arange: step must be finite and non-zero, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return ENGINE.makeTensor(values, [n], 'float32');
}

/**
 * A trainable tensor: a handle on x's data that survives tidy() and is marked requiresGrad. Free it
 * with dispose() when done.
 *
 * @param x - The initial value (copied).
 * @param options - requiresGrad (default true) and name (shown in errors).
 * @example
 * ```ts
 * const w = variable(randomNormal([784, 100], { seed: 0, std: 0.01 }), { name: 'fc1.weight' });
 * const x = ones([1, 784]);
 * const { grads: [dw] } = valueAndGrads(() => sum(matMul(x, w)), [w]); // dL/dw: [784, 100]
 * w.dispose(); // a variable outlives tidy: free it when done
 * ```
 */
export function variable(x: Tensor, options: { requiresGrad?: boolean; name?: string } = {}): Tensor {
  const v = ENGINE.keptCopy(x);
  v.requiresGrad = options.requiresGrad ?? true;
  v.name = options.name;
  return v;
}

/**
 * Where a random draw comes from in core's Philox stream: the same seed and offset give the same values
 * on every backend.
 */
export interface RandomOptions {
  /** Non-negative integer below 2^53. */
  seed: number;
  /** Position in the stream, in 4-element blocks (see random/philox.ts); default 0. */
  offset?: number;
}

/**
 * Uniform float32 in [low, high) from core's counter-based Philox stream (identical on every backend).
 *
 * @param shape - The shape.
 * @param options - seed (required), offset (in 4-value blocks, default 0), low (default 0) and high (default 1).
 * @example
 * ```ts
 * const u = randomUniform([2, 3], { seed: 42 }); // float32 in [0, 1)
 * const w = randomUniform([784, 100], { seed: 1, low: -0.05, high: 0.05 }); // a uniform init
 * ```
 */
export function randomUniform(
  shape: readonly number[],
  options: RandomOptions & { low?: number; high?: number },
): Tensor {
  checkShape(shape, 'randomUniform');
  const { seed, offset = 0, low = 0, high = 1 } = options;
  if (low === 0 && high === 1)
    return ENGINE.runKernel('RandomUniform', {}, { shape: [...shape], seed, offset });
  // The [0, 1) draw is made inside the tidy so it is freed with the intermediate product.
  return ENGINE.tidy(() => {
    const u = ENGINE.runKernel('RandomUniform', {}, { shape: [...shape], seed, offset });
    return ENGINE.runKernel(
      'Add',
      {
        a: ENGINE.runKernel('Mul', { a: u, b: ENGINE.scalarConst(high - low, 'float32') }, {}),
        b: ENGINE.scalarConst(low, 'float32'),
      },
      {},
    );
  });
}

/**
 * Bernoulli spikes [steps, ...p.shape] from core's Philox stream: 1 where u < p, u the uniforms
 * `randomUniform([steps, ...p.shape], options)` draws, 0 elsewhere; the same values as
 * `cast(less(u, p), 'float32')` in one kernel (no uniforms, no bool tensor in between), known to be
 * spikes. Rate and Poisson encoders draw through it. Not differentiable.
 *
 * @example
 * ```ts
 * const pixels = tensor([[0, 0.5, 1]]); // firing probabilities
 * const spikes = randomBernoulli(pixels, 25, { seed: 1 }); // [25, 1, 3], [25, ...pixels.shape]
 * ```
 */
export function randomBernoulli(p: Tensor, steps: number, options: RandomOptions): Tensor {
  return ENGINE.runKernel(
    'RandomBernoulli',
    { p },
    { steps, seed: options.seed, offset: options.offset ?? 0 },
  );
}

/**
 * Normal float32 (mean, std) by Box-Muller on the host from the same Philox stream: pair k uses
 * uniforms u1 = U[2k], u2 = U[2k+1] of uniformFloat32(2 * ceil(n / 2), seed, offset) and gives
 * r cos(2 pi u2), r sin(2 pi u2) with r = sqrt(-2 ln(1 - u1)), computed in float64.
 *
 * @param shape - The shape.
 * @param options - seed (required), offset (default 0), mean (default 0) and std (default 1).
 * @example
 * ```ts
 * const w = randomNormal([784, 100], { seed: 0, std: Math.sqrt(2 / 784) }); // a He init
 * ```
 */
export function randomNormal(
  shape: readonly number[],
  options: RandomOptions & { mean?: number; std?: number },
): Tensor {
  checkShape(shape, 'randomNormal');
  const { seed, offset = 0, mean = 0, std = 1 } = options;
  const n = sizeFromShape(shape);
  const pairs = Math.ceil(n / 2);
  const u = uniformFloat32(2 * pairs, seed, offset);
  const out = new Float32Array(n);
  for (let k = 0; k < pairs; k++) {
    const r = Math.sqrt(-2 * Math.log(1 - u[2 * k]));
    const theta = 2 * Math.PI * u[2 * k + 1];
    out[2 * k] = mean + std * r * Math.cos(theta);
    if (2 * k + 1 < n) out[2 * k + 1] = mean + std * r * Math.sin(theta);
  }
  return ENGINE.makeTensor(out, shape, 'float32');
}
