import { ArgumentError, type ExprAlgebra, evaluateExpression, getSurrogate, surrogateNames } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';

/** A surrogate expression (core's surrogate/expression.ts) in tfjs ops. */
const TF_OPS: ExprAlgebra<tf.Tensor | number> = {
  constant: (value) => value,
  unary: (op, a) => {
    const t = a as tf.Tensor;
    switch (op) {
      case 'neg':
        return tf.neg(t);
      case 'abs':
        return tf.abs(t);
      case 'exp':
        return tf.exp(t);
      case 'log':
        return tf.log(t);
      case 'sqrt':
        return tf.sqrt(t);
      case 'tanh':
        return tf.tanh(t);
      case 'sigmoid':
        return tf.sigmoid(t);
      case 'square':
        return tf.square(t);
      case 'reciprocal':
        return tf.reciprocal(t);
    }
  },
  binary: (op, a, b) => {
    switch (op) {
      case 'add':
        return tf.add(a, b);
      case 'sub':
        return tf.sub(a, b);
      case 'mul':
        return tf.mul(a, b);
      case 'div':
        return tf.div(a, b);
      case 'max':
        return tf.maximum(a, b);
      case 'min':
        return tf.minimum(a, b);
    }
  },
  where: (op, l, r, a, b) => {
    const test = { lt: tf.less, le: tf.lessEqual, gt: tf.greater, ge: tf.greaterEqual }[op];
    const condition = test(l, r);
    const fill = (v: tf.Tensor | number) => (typeof v === 'number' ? tf.fill(condition.shape, v) : v);
    return tf.where(condition, fill(a), fill(b));
  },
};

/**
 * d/dx of a defined surrogate at x (x = v - vTh), as tfjs ops over a whole tensor, interpreted from
 * the surrogate's expression (so every surrogate core defines runs here with no edit to this file).
 */
export function surrogateDerivativeTf(name: string, x: tf.Tensor, alpha: number): tf.Tensor {
  const def = getSurrogate(name);
  if (def?.derivative === undefined) {
    throw new ArgumentError(
      `tfjs backend: surrogate '${name}' has no expression to run natively (defined: ${surrogateNames().join(', ')}); core runs its decomposition instead`,
    );
  }
  const r = evaluateExpression<tf.Tensor | number>(def.derivative, { x, alpha }, TF_OPS);
  return typeof r === 'number' ? tf.fill(x.shape, r) : r;
}
