import { ArgumentError, broadcastShapes, type TensorInfo } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfKernelContext } from '../kernel-context.js';

type BinaryInputs = { readonly a: TensorInfo; readonly b: TensorInfo };

/** Checks the shared rules of binary kernels (same dtype, NumPy broadcasting) with core's messages. */
export function checkBinary(op: string, a: TensorInfo, b: TensorInfo): void {
  if (a.dtype !== b.dtype) {
    throw new ArgumentError(`${op}: operands must share a dtype, got ${a.dtype} and ${b.dtype}`);
  }
  broadcastShapes(a.shape, b.shape, op);
}

/** An arithmetic kernel: same dtype in and out. */
export function arithmetic(
  op: string,
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: BinaryInputs) => TensorInfo {
  return (ctx, { a, b }) => {
    checkBinary(op, a, b);
    if (a.dtype === 'bool') {
      throw new ArgumentError(
        `${op}: arithmetic on bool tensors is not defined; cast to float32 or int32 first`,
      );
    }
    return ctx.run(() => f(ctx.get(a), ctx.get(b)));
  };
}

/** A comparison kernel: bool out. tfjs's wasm comparisons do not all take bool, so bools compare as int32. */
export function comparison(
  op: string,
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: BinaryInputs) => TensorInfo {
  return (ctx, { a, b }) => {
    checkBinary(op, a, b);
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

/** A unary math kernel (float32 by contract; int32 passes through as tfjs computes it). */
export function unary(
  op: string,
  f: (x: tf.Tensor) => tf.Tensor,
): (ctx: TfKernelContext, inputs: { readonly x: TensorInfo }) => TensorInfo {
  return (ctx, { x }) => {
    if (x.dtype === 'bool') throw new ArgumentError(`${op}: expected a float32 tensor, got bool`);
    return ctx.run(() => f(ctx.get(x)));
  };
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
