import { broadcastShapes, type DType, type TensorInfo } from '@snn/core';
import { broadcastOffsets, view } from './host.js';
import type { WasmKernelContext } from './kernel.js';
import { broadcastStrides, ndParams } from './nd-plan.js';

/** Operation codes of snn_binary_f32 (csrc/elementwise.c). */
export const ARITH_OP = { Add: 0, Sub: 1, Mul: 2, Div: 3, Maximum: 4, Minimum: 5 } as const;
/** Operation codes of snn_compare_f32. */
export const COMPARE_OP = {
  Equal: 0,
  NotEqual: 1,
  Greater: 2,
  GreaterEqual: 3,
  Less: 4,
  LessEqual: 5,
} as const;

type Pair = { readonly a: TensorInfo; readonly b: TensorInfo };

/** out = fn(a, b) over the broadcast shape on the host, stored into `outDtype`'s array kind. */
function hostBinary(
  ctx: WasmKernelContext,
  { a, b }: Pair,
  outDtype: DType,
  kernel: string,
  fn: (x: number, y: number) => number,
): TensorInfo {
  const shape = broadcastShapes(a.shape, b.shape, kernel);
  const da = ctx.data(a, kernel);
  const db = ctx.data(b, kernel);
  const { info, data } = ctx.output(shape, outDtype, kernel);
  const av = view(ctx.rt, da);
  const bv = view(ctx.rt, db);
  const ov = view(ctx.rt, data);
  const ai = broadcastOffsets(broadcastStrides(a.shape, shape), shape);
  const bi = broadcastOffsets(broadcastStrides(b.shape, shape), shape);
  for (let i = 0; i < ov.length; i++) ov[i] = fn(av[ai[i]], bv[bi[i]]);
  return info;
}

/**
 * Arithmetic: a and b share a numeric dtype, which the output keeps. float32 runs in wasm (op code
 * given), int32 and Pow on the host (int32 Div is floor division, a zero divisor stores 0).
 */
export function arithmetic(
  ctx: WasmKernelContext,
  inputs: Pair,
  kernel: string,
  op: number | undefined,
  floatFn: (x: number, y: number) => number,
  intFn: (x: number, y: number) => number = floatFn,
): TensorInfo {
  const { a } = inputs;
  if (a.dtype === 'int32' || op === undefined) {
    return hostBinary(ctx, inputs, a.dtype, kernel, a.dtype === 'int32' ? intFn : floatFn);
  }
  return wasmBinary(ctx, inputs, kernel, 'snn_binary_f32', op, 'float32');
}

/** Comparison: bool out; float32 operands in wasm, others on the host. */
export function comparison(
  ctx: WasmKernelContext,
  inputs: Pair,
  kernel: string,
  op: number,
  test: (x: number, y: number) => boolean,
): TensorInfo {
  if (inputs.a.dtype === 'float32' && inputs.b.dtype === 'float32') {
    return wasmBinary(ctx, inputs, kernel, 'snn_compare_f32', op, 'bool');
  }
  return hostBinary(ctx, inputs, 'bool', kernel, (x, y) => (test(x, y) ? 1 : 0));
}

/** bool AND bool on the host. */
export function logicalAnd(ctx: WasmKernelContext, inputs: Pair): TensorInfo {
  return hostBinary(ctx, inputs, 'bool', 'LogicalAnd', (x, y) => (x !== 0 && y !== 0 ? 1 : 0));
}

function wasmBinary(
  ctx: WasmKernelContext,
  { a, b }: Pair,
  kernel: string,
  fn: string,
  op: number,
  outDtype: DType,
): TensorInfo {
  const shape = broadcastShapes(a.shape, b.shape, kernel);
  const da = ctx.data(a, kernel);
  const db = ctx.data(b, kernel);
  const { info, data } = ctx.output(shape, outDtype, kernel);
  if (data.size === 0) return info;
  const nd = ctx.rt.writeParams(
    ndParams(shape, [broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)]),
  );
  ctx.rt.call(fn, data.size, op, da.ptr, db.ptr, data.ptr, nd);
  return info;
}
