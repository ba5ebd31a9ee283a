import type { TensorInfo } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernelContext } from '../kernel-context.js';

type BinaryInputs = { readonly a: TensorInfo; readonly b: TensorInfo };

/*
 * Core validates every call before it reaches a kernel (dtypes, broadcasting, attrs), so these helpers
 * only adapt tfjs.
 */

/** An arithmetic kernel: same dtype in and out. */
export function arithmetic(
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: BinaryInputs) => TensorInfo {
  return (ctx, { a, b }) => ctx.run(() => f(ctx.get(a), ctx.get(b)));
}

/** A comparison kernel: bool out. tfjs's wasm comparisons do not all take bool, so bools compare as int32. */
export function comparison(
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: BinaryInputs) => TensorInfo {
  return (ctx, { a, b }) => {
    return ctx.run(() => {
      let ta = ctx.get(a);
      let tb = ctx.get(b);
      if (a.dtype === 'bool') {
        ta = tf.cast(ta, 'int32');
        tb = tf.cast(tb, 'int32');
      }
      return f(ta, tb);
    });
  };
}

/**
 * `result` with NaN wherever one of `operands` (float32, broadcast to result's shape) is NaN, for
 * tfjs ops that drop a NaN operand. int32 and bool hold no NaN: returned as is.
 */
export function withNaNOf(result: tf.Tensor, ...operands: tf.Tensor[]): tf.Tensor {
  if (result.dtype !== 'float32') return result;
  let nan = tf.notEqual(operands[0], operands[0]);
  for (const t of operands.slice(1)) nan = tf.logicalOr(nan, tf.notEqual(t, t));
  return tf.where(broadcastFast(nan, result.shape), tf.fill(result.shape, Number.NaN), result);
}

/** A unary float32 math kernel. */
export function unary(
  f: (x: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: { readonly x: TensorInfo }) => TensorInfo {
  return (ctx, { x }) => ctx.run(() => f(ctx.get(x)));
}

/**
 * NumPy broadcast of t to `shape` as t * ones(shape): tfjs-wasm's Tile (behind tf.broadcastTo and
 * tf.where's operand broadcasting) runs about 8x slower than a broadcasting Mul on [256, 784]
 * (bench: 8 ms vs 0.9 ms). Multiplying by 1 is exact for every float (NaN, -0 and Infinity included)
 * and int32; bool goes through int32.
 */
export function broadcastFast(t: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
  if (t.dtype === 'bool') return tf.notEqual(tf.mul(tf.cast(t, 'int32'), tf.ones(shape.slice(), 'int32')), 0);
  return tf.mul(t, tf.ones(shape.slice(), t.dtype));
}
