import { matMulShape, type TensorInfo } from '@snn/core';
import type { WasmKernel, WasmKernelContext } from './kernel.js';

export interface MatMulGeometry {
  shape: number[];
  batch: number;
  aBatch: number;
  bBatch: number;
  M: number;
  N: number;
  K: number;
}

export function matMulGeometry(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): MatMulGeometry {
  const shape = matMulShape(a.shape, b.shape, transposeA, transposeB);
  const r = a.shape.length;
  return {
    shape,
    batch: r === 3 ? shape[0] : 1,
    aBatch: r === 3 ? a.shape[0] : 1,
    bBatch: r === 3 ? b.shape[0] : 1,
    M: shape[r - 2],
    N: shape[r - 1],
    K: transposeA ? a.shape[r - 2] : a.shape[r - 1],
  };
}

/** The packed SIMD GEMM (csrc/matmul.c) for every transpose case, batched. */
export function denseMatMul(
  ctx: WasmKernelContext,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  kernel: string,
  g: MatMulGeometry = matMulGeometry(a, b, transposeA, transposeB),
): TensorInfo {
  const da = ctx.data(a, kernel);
  const db = ctx.data(b, kernel);
  const { info, data } = ctx.output(g.shape, 'float32', kernel);
  if (data.size === 0) return info;
  ctx.rt.call(
    'snn_matmul',
    g.batch * g.M * g.N * Math.max(g.K, 1),
    da.ptr,
    db.ptr,
    data.ptr,
    g.batch,
    g.aBatch,
    g.bBatch,
    g.M,
    g.N,
    g.K,
    transposeA ? 1 : 0,
    transposeB ? 1 : 0,
  );
  return info;
}

export const MatMul: WasmKernel<'MatMul'> = ({ a, b }, { transposeA, transposeB }, ctx) =>
  denseMatMul(ctx, a, b, transposeA, transposeB, 'MatMul');
