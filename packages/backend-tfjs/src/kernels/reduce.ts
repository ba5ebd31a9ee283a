import { reduceShape, type TensorInfo } from '@snn/core';
import type * as tf from '@tensorflow/tfjs-core';
import * as tfc from '@tensorflow/tfjs-core';
import type { TfKernelContext } from '../kernel-context.js';

/** Shared body of Sum and Max: checks axes, and treats "no axes" as a copy (tfjs would reduce all). */
export function reduce(
  ctx: TfKernelContext,
  x: TensorInfo,
  axes: readonly number[],
  keepDims: boolean,
  f: (x: tf.Tensor, axes: number[], keepDims: boolean) => tf.Tensor,
): TensorInfo {
  const outShape = reduceShape(x.shape, axes, keepDims);
  if (axes.length === 0) return ctx.run(() => tfc.clone(ctx.get(x)));
  return ctx.run(() => tfc.reshape(f(ctx.get(x), axes.slice(), keepDims), outShape));
}
