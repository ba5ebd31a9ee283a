import { ArgumentError, ShapeError } from '../errors.js';
import type { DType } from '../tensor/tensor-info.js';

/** What shape rules read of a tensor (a TensorInfo or a Tensor). */
type ShapeAndDType = { readonly shape: readonly number[]; readonly dtype: DType };

/* Shape rules shared by core and every backend, so each rule lives in one place. */

/**
 * Number of elements of a shape: the product of its sizes (1 for [], a scalar).
 *
 * @example
 * ```ts
 * console.log(sizeFromShape([2, 3, 4]), sizeFromShape([])); // 24 1
 * ```
 */
export function sizeFromShape(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/**
 * Row-major strides, in elements.
 *
 * @example
 * ```ts
 * console.log(stridesFromShape([2, 3, 4])); // [12, 4, 1]
 * ```
 */
export function stridesFromShape(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/**
 * Whether two shapes have the same rank and sizes.
 *
 * @example
 * ```ts
 * console.log(shapesEqual([2, 3], [2, 3]), shapesEqual([6], [2, 3])); // true false
 * ```
 */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * A shape as error messages write it: `[2, 3]`.
 *
 * @example
 * ```ts
 * console.log(formatShape([32, 784])); // '[32, 784]'
 * ```
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * NumPy broadcasting of two shapes; throws a ShapeError naming the op and both shapes.
 *
 * @example
 * ```ts
 * console.log(broadcastShapes([8, 1, 10], [5, 1])); // [8, 5, 10]
 * ```
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op = 'broadcast'): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast together`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Reduction axes (Sum, Max): non-negative, sorted, unique and inside the rank.
 *
 * @example
 * ```ts
 * checkAxes('Sum', [2, 3, 4], [0, 2]); // fine
 * // checkAxes('Sum', [2, 3], [2]) throws: axis 2 is outside rank 2
 * ```
 */
export function checkAxes(op: string, shape: readonly number[], axes: readonly number[]): void {
  for (let i = 0; i < axes.length; i++) {
    const ax = axes[i];
    if (!Number.isInteger(ax) || ax < 0 || ax >= shape.length || (i > 0 && ax <= axes[i - 1])) {
      throw new ArgumentError(
        `${op}: axes must be sorted, unique and in [0, ${shape.length}) for shape ${formatShape(shape)}, got [${axes.join(', ')}]`,
      );
    }
  }
}

/**
 * Output shape of a reduction over `axes` (non-negative, sorted).
 *
 * @example
 * ```ts
 * console.log(reduceShape([2, 3, 4], [1], false), reduceShape([2, 3, 4], [1], true)); // [2, 4] [2, 1, 4]
 * ```
 */
export function reduceShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (axes.includes(d)) {
      if (keepDims) out.push(1);
    } else out.push(shape[d]);
  }
  return out;
}

/**
 * Output shape of MatMul (rank 2 or 3; batch sizes equal or 1).
 *
 * @example
 * ```ts
 * console.log(matMulShape([32, 784], [100, 784], false, true)); // [32, 100]
 * ```
 */
export function matMulShape(
  a: readonly number[],
  b: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): number[] {
  if (a.length !== b.length || (a.length !== 2 && a.length !== 3)) {
    throw new ShapeError(
      `matMul: expected two rank-2 or two rank-3 tensors, got ${formatShape(a)} and ${formatShape(b)}`,
    );
  }
  const r = a.length;
  const m = transposeA ? a[r - 1] : a[r - 2];
  const ka = transposeA ? a[r - 2] : a[r - 1];
  const kb = transposeB ? b[r - 1] : b[r - 2];
  const n = transposeB ? b[r - 2] : b[r - 1];
  if (ka !== kb) {
    throw new ShapeError(
      `matMul: inner dimensions differ: ${formatShape(a)}${transposeA ? 'ᵀ' : ''} x ${formatShape(b)}${transposeB ? 'ᵀ' : ''} (${ka} vs ${kb})`,
    );
  }
  if (r === 2) return [m, n];
  if (a[0] !== b[0] && a[0] !== 1 && b[0] !== 1) {
    throw new ShapeError(`matMul: batch sizes differ: ${formatShape(a)} and ${formatShape(b)}`);
  }
  return [Math.max(a[0], b[0]), m, n];
}

/**
 * Spatial output size of a convolution or pooling window along one axis.
 *
 * @param size - The input's size along the axis.
 * @param kernel - The window's size.
 * @param stride - The step between windows.
 * @param padBefore - Padding before.
 * @param padAfter - Padding after.
 * @example
 * ```ts
 * console.log(windowOutputSize(28, 5, 1, 0, 0), windowOutputSize(28, 2, 2, 0, 0)); // 24 14
 * ```
 */
export function windowOutputSize(
  size: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
): number {
  return Math.floor((size + padBefore + padAfter - kernel) / stride) + 1;
}

/**
 * Strides must be two positive integers and pads four non-negative integers (Conv2D, MaxPool and grads).
 *
 * @example
 * ```ts
 * checkWindowAttrs('Conv2D', [1, 1], [2, 2, 2, 2]); // fine
 * // checkWindowAttrs('Conv2D', [0, 1], [0, 0, 0, 0]) throws an ArgumentError: strides must be positive
 * ```
 */
export function checkWindowAttrs(
  op: string,
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): void {
  if (strides.length !== 2 || strides.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new ArgumentError(`${op}: strides must be two positive integers, got [${strides.join(', ')}]`);
  }
  if (pads.length !== 4 || pads.some((p) => !Number.isInteger(p) || p < 0)) {
    throw new ArgumentError(
      `${op}: pads must be four non-negative integers [top, bottom, left, right], got [${pads.join(', ')}]`,
    );
  }
}

/**
 * Output shape of Conv2D: x [N, C, H, W], w [O, C, kh, kw].
 *
 * @example
 * ```ts
 * console.log(conv2dShape([8, 1, 28, 28], [20, 1, 5, 5], [1, 1], [0, 0, 0, 0])); // [8, 20, 24, 24]
 * ```
 */
export function conv2dShape(
  x: readonly number[],
  w: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): [number, number, number, number] {
  if (x.length !== 4 || w.length !== 4 || x[1] !== w[1]) {
    throw new ShapeError(
      `conv2d: expected x [N, C, H, W] and w [O, C, kh, kw] with equal C, got ${formatShape(x)} and ${formatShape(w)}`,
    );
  }
  const ho = windowOutputSize(x[2], w[2], strides[0], pads[0], pads[1]);
  const wo = windowOutputSize(x[3], w[3], strides[1], pads[2], pads[3]);
  if (ho < 1 || wo < 1) {
    throw new ShapeError(`conv2d: kernel ${formatShape(w)} does not fit input ${formatShape(x)}`);
  }
  return [x[0], w[0], ho, wo];
}

/**
 * Output shape of MaxPool over x [N, C, H, W].
 *
 * @example
 * ```ts
 * console.log(poolShape([8, 20, 24, 24], [2, 2], [2, 2], [0, 0, 0, 0])); // [8, 20, 12, 12]
 * ```
 */
export function poolShape(
  x: readonly number[],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): [number, number, number, number] {
  if (x.length !== 4) throw new ShapeError(`maxPool2d: expected x [N, C, H, W], got ${formatShape(x)}`);
  const ho = windowOutputSize(x[2], kernel[0], strides[0], pads[0], pads[1]);
  const wo = windowOutputSize(x[3], kernel[1], strides[1], pads[2], pads[3]);
  if (ho < 1 || wo < 1)
    throw new ShapeError(`maxPool2d: window ${formatShape(kernel)} does not fit input ${formatShape(x)}`);
  return [x[0], x[1], ho, wo];
}

/**
 * Maps a flat index of an output of `outShape` to the flat index of a broadcast input of `inShape`.
 *
 * @param outIndex - A flat index into the output.
 * @param outShape - The output's shape.
 * @param inShape - The broadcast input's shape.
 * @example
 * ```ts
 * // Element 4 of a [2, 3] output (row 1, column 1) reads element 1 of a [3] input
 * console.log(broadcastIndex(4, [2, 3], [3])); // 1
 * ```
 */
export function broadcastIndex(
  outIndex: number,
  outShape: readonly number[],
  inShape: readonly number[],
): number {
  let inIndex = 0;
  let inStride = 1;
  let rem = outIndex;
  const offset = outShape.length - inShape.length;
  for (let d = outShape.length - 1; d >= 0; d--) {
    const coord = rem % outShape[d];
    rem = Math.floor(rem / outShape[d]);
    const id = d - offset;
    if (id >= 0) {
      if (inShape[id] !== 1) inIndex += coord * inStride;
      inStride *= inShape[id];
    }
  }
  return inIndex;
}

/**
 * Shapes of the fused kernels over T steps (LIFSequence, LISequence, their gradients, the optimizer
 * updates): every `sequences` tensor is [T, ...n] with one shape, every `states` tensor is [...n], all
 * float32. Returns T, the per-step element count and the per-step shape. One rule for every backend,
 * so all of them reject the same inputs with the same message.
 *
 * @param op - The kernel, named in errors.
 * @param sequences - The [T, ...n] inputs, by name.
 * @param states - The [...n] inputs, by name.
 * @example
 * ```ts
 * const x = { shape: [25, 8, 100], dtype: 'float32' as const };
 * const v0 = { shape: [8, 100], dtype: 'float32' as const };
 * console.log(sequenceSizes('LIFSequence', { x }, { v0, i0: v0 })); // { steps: 25, neurons: 800, neuronShape: [8, 100] }
 * ```
 */
export function sequenceSizes(
  op: string,
  sequences: Readonly<Record<string, ShapeAndDType>>,
  states: Readonly<Record<string, ShapeAndDType>> = {},
): {
  /** T, the first axis of every sequence. */
  steps: number;
  /** Elements per step: the product of the per-step shape. */
  neurons: number;
  /** The per-step shape n (the sequences' shape without T). */
  neuronShape: number[];
} {
  const entries = Object.entries(sequences);
  if (entries.length === 0) throw new ArgumentError(`${op}: no sequence inputs to check`);
  const [firstName, first] = entries[0];
  if (first.shape.length < 1) {
    throw new ShapeError(`${op}: ${firstName} must be [T, ...n], got ${formatShape(first.shape)}`);
  }
  for (const [name, s] of [...entries, ...Object.entries(states)]) {
    if (s.dtype !== 'float32')
      throw new ArgumentError(`${op}: input '${name}' must be float32, got ${s.dtype}`);
  }
  for (const [name, s] of entries) {
    if (!shapesEqual(s.shape, first.shape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(s.shape)} must have the shape of ${firstName} ${formatShape(first.shape)}`,
      );
    }
  }
  const neuronShape = first.shape.slice(1);
  for (const [name, s] of Object.entries(states)) {
    if (!shapesEqual(s.shape, neuronShape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(s.shape)} must be one step of ${firstName} ${formatShape(first.shape)}, i.e. ${formatShape(neuronShape)}`,
      );
    }
  }
  return { steps: first.shape[0], neurons: sizeFromShape(neuronShape), neuronShape };
}

/**
 * LIFSequenceGrad's `detachReset` attr, which has no safe default (the two values give different
 * gradients): a caller that leaves it out gets an error, not silently one of the two.
 *
 * @param op - The kernel, named in the error.
 * @param detachReset - The attr as given.
 * @example
 * ```ts
 * console.log(checkDetachReset('LIFSequenceGrad', true)); // true; undefined would throw an ArgumentError
 * ```
 */
export function checkDetachReset(op: string, detachReset: unknown): boolean {
  if (typeof detachReset !== 'boolean') {
    throw new ArgumentError(
      `${op}: attrs.detachReset must be true (Norse lif_step, reset detached) or false (Norse lif_feed_forward_step), got ${String(detachReset)}`,
    );
  }
  return detachReset;
}
