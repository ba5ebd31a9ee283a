import { type DType, reduceShape, type TensorInfo } from '@snn/core';
import type { WasmData } from '../wasm-data.js';
import { stridedCopy } from './copy.js';
import { view } from './host.js';
import type { WasmKernelContext } from './kernel.js';
import { contiguousStrides } from './nd-plan.js';

/**
 * The reduction as [outer, n, inner] over x's own layout when the reduced axes (ignoring size-1 dims)
 * are adjacent; otherwise x is first copied with the reduced axes moved last ([kept, reduced]).
 * Returns the data to reduce and the three sizes; `temp` is a copy to free afterwards.
 */
export function reduceLayout(
  ctx: WasmKernelContext,
  x: TensorInfo,
  src: WasmData,
  axes: readonly number[],
  kernel: string,
): { data: WasmData; outer: number; n: number; inner: number; temp?: WasmData } {
  const shape = x.shape;
  const reduced = axes.filter((a) => shape[a] !== 1);
  const size = (dims: readonly number[]) => dims.reduce((p, d) => p * shape[d], 1);
  const all = shape.map((_, d) => d);
  if (reduced.length === 0) return { data: src, outer: size(all), n: 1, inner: 1 };
  const first = reduced[0];
  const last = reduced[reduced.length - 1];
  const between = all.filter((d) => d > first && d < last && !reduced.includes(d) && shape[d] !== 1);
  if (between.length === 0) {
    return {
      data: src,
      outer: size(all.filter((d) => d < first)),
      n: size(reduced),
      inner: size(all.filter((d) => d > last)),
    };
  }
  const kept = all.filter((d) => !reduced.includes(d));
  const perm = [...kept, ...reduced];
  const permShape = perm.map((d) => shape[d]);
  const inStrides = contiguousStrides(shape);
  const temp = ctx.output(permShape, x.dtype, kernel).data;
  stridedCopy(
    ctx,
    src,
    0,
    perm.map((d) => inStrides[d]),
    temp,
    0,
    contiguousStrides(permShape),
    permShape,
  );
  return { data: temp, outer: size(kept), n: size(reduced), inner: 1, temp };
}

/** A reduction of float32 x in wasm (`fn` takes x, out, outer, n, inner). */
export function wasmReduce(
  ctx: WasmKernelContext,
  x: TensorInfo,
  axes: readonly number[],
  keepDims: boolean,
  kernel: string,
  fn: string,
  outShape: readonly number[] = reduceShape(x.shape, axes, keepDims),
  outDtype: DType = 'float32',
): TensorInfo {
  const src = ctx.data(x, kernel);
  const { info, data } = ctx.output(outShape, outDtype, kernel);
  if (data.size === 0) return info;
  const plan = reduceLayout(ctx, x, src, axes, kernel);
  ctx.rt.call(fn, plan.outer * plan.n * plan.inner, plan.data.ptr, data.ptr, plan.outer, plan.n, plan.inner);
  if (plan.temp !== undefined) ctx.release(plan.temp);
  return info;
}

/** A reduction on the host (int32 and bool inputs): acc = combine(acc, v) from `init`. */
export function hostReduce(
  ctx: WasmKernelContext,
  x: TensorInfo,
  axes: readonly number[],
  keepDims: boolean,
  kernel: string,
  outDtype: DType,
  init: number,
  combine: (acc: number, v: number) => number,
): TensorInfo {
  const src = ctx.data(x, kernel);
  const { info, data } = ctx.output(reduceShape(x.shape, axes, keepDims), outDtype, kernel);
  const plan = reduceLayout(ctx, x, src, axes, kernel);
  const xv = view(ctx.rt, plan.data);
  const ov = view(ctx.rt, data);
  const { outer, n, inner } = plan;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let acc = init;
      for (let k = 0; k < n; k++) acc = combine(acc, xv[(o * n + k) * inner + j]);
      ov[o * inner + j] = acc;
    }
  }
  if (plan.temp !== undefined) ctx.release(plan.temp);
  return info;
}
