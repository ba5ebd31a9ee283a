import { ENGINE } from '../engine/engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { broadcastShapes, formatShape, shapesEqual } from '../kernels/shape-utils.js';
import type { Tensor } from '../tensor/tensor.js';
import { ensureDType, normAxes, normAxis, scoped, toTensor } from './util.js';

/**
 * Same data, new shape (metadata only); one dimension may be -1.
 *
 * @example
 * ```ts
 * const x = arange(6); // [6]
 * const y = reshape(x, [2, -1]); // [2, 3], the -1 inferred
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  return toTensor(x, 'reshape').reshape(shape);
}

/**
 * Inserts a dimension of size 1 at `axis` (negative counts from the end of the result).
 *
 * @param x - The tensor.
 * @param axis - Where the new dimension goes, default 0 (negative counts from the end of the result).
 * @example
 * ```ts
 * const v = tensor([1, 2, 3]); // [3]
 * console.log(expandDims(v).shape, expandDims(v, -1).shape); // [1, 3] [3, 1]
 * ```
 */
export function expandDims(x: Tensor, axis = 0): Tensor {
  const t = toTensor(x, 'expandDims');
  const a = normAxis(axis, t.rank + 1, 'expandDims');
  const shape = [...t.shape];
  shape.splice(a, 0, 1);
  return t.reshape(shape);
}

/**
 * Removes dimensions of size 1 (all of them, or those in `axes`, which must have size 1).
 *
 * @param x - The tensor.
 * @param axes - The size-1 dimensions to drop; default all of them.
 * @example
 * ```ts
 * const x = zeros([1, 3, 1]);
 * console.log(squeeze(x).shape, squeeze(x, 0).shape); // [3] [3, 1]
 * ```
 */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  const t = toTensor(x, 'squeeze');
  const drop =
    axes === undefined
      ? t.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : normAxes(axes, t.rank, 'squeeze');
  for (const a of drop) {
    if (t.shape[a] !== 1) {
      throw new ShapeError(
        `squeeze: axis ${a} of shape ${formatShape(t.shape)} has size ${t.shape[a]}, not 1`,
      );
    }
  }
  return t.reshape(t.shape.filter((_, i) => !drop.includes(i)));
}

/**
 * Flattens dims startDim..endDim into one (torch.flatten; default keeps the batch dim).
 *
 * @param x - The tensor.
 * @param startDim - The first dimension merged, default 1 (the batch dimension is kept).
 * @param endDim - The last dimension merged, default -1 (the last).
 * @example
 * ```ts
 * const images = zeros([32, 1, 28, 28]); // NCHW
 * console.log(flatten(images).shape, flatten(images, 0).shape); // [32, 784] [25088]
 * ```
 */
export function flatten(x: Tensor, startDim = 1, endDim = -1): Tensor {
  const t = toTensor(x, 'flatten');
  if (t.rank === 0) return t.reshape([1]);
  const s = normAxis(startDim, t.rank, 'flatten');
  const e = normAxis(endDim, t.rank, 'flatten');
  if (e < s) throw new ArgumentError(`flatten: endDim ${endDim} comes before startDim ${startDim}`);
  let merged = 1;
  for (let d = s; d <= e; d++) merged *= t.shape[d];
  return t.reshape([...t.shape.slice(0, s), merged, ...t.shape.slice(e + 1)]);
}

/**
 * Permutes dimensions (reverses them by default).
 *
 * @param x - The tensor.
 * @param perm - The new order of the dimensions; default reversed.
 * @example
 * ```ts
 * const x = zeros([2, 3]);
 * console.log(transpose(x).shape); // [3, 2]
 * const tbn = zeros([8, 25, 10]); // [batch, T, neurons]
 * console.log(transpose(tbn, [1, 0, 2]).shape); // [25, 8, 10]: time first, as the sequence functions want
 * ```
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const t = toTensor(x, 'transpose');
  const p =
    perm === undefined
      ? t.shape.map((_, i) => t.rank - 1 - i)
      : perm.map((a) => normAxis(a, t.rank, 'transpose'));
  if (p.length !== t.rank || new Set(p).size !== t.rank) {
    throw new ArgumentError(`transpose: perm [${perm?.join(', ')}] is not a permutation of ${t.rank} axes`);
  }
  if (p.every((a, i) => a === i)) return t.clone();
  return ENGINE.runKernel('Transpose', { x: t }, { perm: p });
}

/**
 * x[begin[d] : begin[d] + size[d]]; size -1 means "to the end"; negative begins count from the end.
 *
 * @param x - The tensor.
 * @param begin - The start index per dimension (a number: the first dimension only); negative counts from the end.
 * @param size - The length per dimension, -1 for "to the end"; default to the end everywhere.
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * console.log(slice(x, [0, 1], [2, 2]).arraySync()); // [[2, 3], [5, 6]]
 * console.log(slice(x, 1).arraySync()); // [[4, 5, 6]]: from row 1 to the end
 * ```
 */
export function slice(
  x: Tensor,
  begin: number | readonly number[],
  size?: number | readonly number[],
): Tensor {
  const t = toTensor(x, 'slice');
  const b0 = typeof begin === 'number' ? [begin] : [...begin];
  const s0 = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  const b: number[] = [];
  const s: number[] = [];
  for (let d = 0; d < t.rank; d++) {
    let bd = b0[d] ?? 0;
    if (bd < 0) bd += t.shape[d];
    let sd = s0[d] ?? -1;
    if (sd === -1) sd = t.shape[d] - bd;
    if (!Number.isInteger(bd) || !Number.isInteger(sd) || bd < 0 || sd < 0 || bd + sd > t.shape[d]) {
      throw new ShapeError(
        `slice: begin ${formatShape(b0)} size ${formatShape(s0)} does not fit shape ${formatShape(t.shape)} (axis ${d})`,
      );
    }
    b.push(bd);
    s.push(sd);
  }
  if (shapesEqual(s, t.shape)) return t.clone();
  return ENGINE.runKernel('Slice', { x: t }, { begin: b, size: s });
}

/**
 * Joins tensors along `axis` (equal dtype and all other dims).
 *
 * @param xs - The tensors (equal dtype and equal sizes but along axis).
 * @param axis - The dimension joined along, default 0.
 * @example
 * ```ts
 * const a = zeros([2, 3]);
 * const b = ones([1, 3]);
 * console.log(concat([a, b]).shape, concat([a, a], 1).shape); // [3, 3] [2, 6]
 * ```
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0) throw new ArgumentError('concat: needs at least one tensor');
  for (const t of xs) toTensor(t, 'concat');
  const rank = xs[0].rank;
  const a = normAxis(axis, rank, 'concat');
  for (const t of xs) {
    const ok = t.rank === rank && t.shape.every((d: number, i: number) => i === a || d === xs[0].shape[i]);
    if (!ok) {
      throw new ShapeError(
        `concat: shapes ${formatShape(xs[0].shape)} and ${formatShape(t.shape)} differ outside axis ${a}`,
      );
    }
  }
  if (xs.length === 1) return xs[0].clone();
  const dtype = xs.some((t) => t.dtype === 'float32') ? 'float32' : xs[0].dtype;
  const same = xs.map((t) => ensureDType(t, dtype));
  return ENGINE.runKernel('Concat', { xs: same }, { axis: a });
}

/**
 * Stacks equal-shaped tensors along a new axis.
 *
 * @param xs - Equal-shaped tensors.
 * @param axis - Where the new dimension goes, default 0 (time first for a list of steps).
 * @example
 * ```ts
 * const steps = [zeros([8, 10]), ones([8, 10])]; // one tensor per time step
 * console.log(stack(steps).shape); // [2, 8, 10]: [T, batch, neurons]
 * ```
 */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  return scoped(() => {
    if (!Array.isArray(xs) || xs.length === 0) throw new ArgumentError('stack: needs at least one tensor');
    const rank = xs[0].rank;
    for (const t of xs) {
      toTensor(t, 'stack');
      if (!shapesEqual(t.shape, xs[0].shape)) {
        throw new ShapeError(`stack: shapes ${formatShape(xs[0].shape)} and ${formatShape(t.shape)} differ`);
      }
    }
    const a = normAxis(axis, rank + 1, 'stack');
    return concat(
      xs.map((t) => expandDims(t, a)),
      a,
    );
  });
}

/**
 * Splits along `axis` into tensors with that axis removed.
 *
 * @param x - The tensor.
 * @param axis - The dimension split along (and removed), default 0.
 * @example
 * ```ts
 * const spikes = zeros([25, 8, 10]); // [T, batch, neurons]
 * const perStep = unstack(spikes); // 25 tensors of [8, 10]
 * ```
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  return scoped(() => {
    const t = toTensor(x, 'unstack');
    const a = normAxis(axis, t.rank, 'unstack');
    const n = t.shape[a];
    const size = t.shape.map((d, i) => (i === a ? 1 : d));
    const outShape = t.shape.filter((_, i) => i !== a);
    if (n === 1) return [t.reshape(outShape)];
    // One tape node for all n slices: its gradient is one stack of theirs (linear in the size),
    // where n separate Slice nodes would pad each slice's gradient to x's shape and sum n of them.
    const out = ENGINE.noGrad(() => {
      const slices: Tensor[] = [];
      for (let i = 0; i < n; i++) {
        const begin = t.shape.map((_, d) => (d === a ? i : 0));
        slices.push(ENGINE.runKernel('Slice', { x: t }, { begin, size }).reshape(outShape));
      }
      return slices;
    });
    ENGINE.recordNode('Unstack', [t], out, (dys) => [() => stack(dys, a)], false);
    return out;
  });
}

/**
 * Pads with `value`: paddings[d] = [before, after].
 *
 * @param x - The tensor.
 * @param paddings - [before, after] per dimension.
 * @param value - The fill value, default 0.
 * @example
 * ```ts
 * const img = ones([1, 1, 2, 2]);
 * const padded = pad(img, [[0, 0], [0, 0], [1, 1], [1, 1]]); // [1, 1, 4, 4], a border of 0
 * ```
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  const t = toTensor(x, 'pad');
  if (paddings.length !== t.rank || paddings.some((p) => p.length !== 2 || p[0] < 0 || p[1] < 0)) {
    throw new ArgumentError(
      `pad: expected ${t.rank} [before, after] pairs of non-negative integers for shape ${formatShape(t.shape)}`,
    );
  }
  if (paddings.every((p) => p[0] === 0 && p[1] === 0)) return t.clone();
  return ENGINE.runKernel(
    'Pad',
    { x: t },
    { paddings: paddings.map((p) => [p[0], p[1]] as [number, number]), value },
  );
}

/**
 * Repeats x to `shape` (NumPy broadcast_to).
 *
 * @example
 * ```ts
 * const bias = tensor([1, 2, 3]);
 * console.log(broadcastTo(bias, [2, 3]).arraySync()); // [[1, 2, 3], [1, 2, 3]]
 * ```
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const t = toTensor(x, 'broadcastTo');
  const out = broadcastShapes(t.shape, shape, 'broadcastTo');
  if (!shapesEqual(out, shape)) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(t.shape)} to ${formatShape(shape)}`);
  }
  if (shapesEqual(t.shape, shape)) return t.clone();
  return ENGINE.runKernel('BroadcastTo', { x: t }, { shape: [...shape] });
}

/**
 * indices (int32) -> float32 [...indices.shape, depth].
 *
 * @param indices - Class indices (int32; other dtypes are cast).
 * @param depth - The number of classes.
 * @param onValue - The value at the index, default 1.
 * @param offValue - The value elsewhere, default 0.
 * @example
 * ```ts
 * const labels = tensor(new Int32Array([2, 0]));
 * console.log(oneHot(labels, 3).arraySync()); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function oneHot(indices: Tensor, depth: number, onValue = 1, offValue = 0): Tensor {
  const t = ensureDType(toTensor(indices, 'oneHot'), 'int32');
  if (!Number.isInteger(depth) || depth < 1)
    throw new ArgumentError(`oneHot: depth must be a positive integer, got ${depth}`);
  return ENGINE.runKernel('OneHot', { indices: t }, { depth, onValue, offValue });
}
