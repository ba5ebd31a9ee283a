import type { TensorInfo } from '@snn/core';
import type { WasmKernelContext } from './kernel.js';

/** Operation codes of snn_unary_f32 (csrc/elementwise.c). */
export const UNARY_OP = {
  Neg: 0,
  Abs: 1,
  Exp: 2,
  Log: 3,
  Sqrt: 4,
  Reciprocal: 5,
  Sign: 6,
  Floor: 7,
  Tanh: 8,
} as const;

/** float32 -> float32 elementwise math in wasm. */
export function unary(ctx: WasmKernelContext, x: TensorInfo, kernel: keyof typeof UNARY_OP): TensorInfo {
  const dx = ctx.data(x, kernel);
  const { info, data } = ctx.output(x.shape, 'float32', kernel);
  if (data.size > 0)
    ctx.rt.call('snn_unary_f32', data.size * 4, UNARY_OP[kernel], dx.ptr, data.ptr, data.size);
  return info;
}
