import { ArgumentError } from '../errors.js';
import {
  abs,
  add,
  div,
  exp,
  fill,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  maximum,
  minimum,
  mul,
  neg,
  reciprocal,
  sigmoid,
  sqrt,
  square,
  sub,
  tanh,
  where,
} from '../ops/index.js';
import type { TensorLike } from '../ops/util.js';
import { Tensor } from '../tensor/tensor.js';
import { type ExprAlgebra, evaluateExpression } from './evaluate.js';
import { requireSurrogate } from './registry.js';

/** A surrogate expression in core ops: the decomposition that runs on every backend. */
const CORE_OPS: ExprAlgebra<TensorLike> = {
  constant: (value) => value,
  unary: (op, a) => {
    switch (op) {
      case 'neg':
        return neg(a);
      case 'abs':
        return abs(a);
      case 'exp':
        return exp(a);
      case 'log':
        return log(a);
      case 'sqrt':
        return sqrt(a);
      case 'tanh':
        return tanh(a);
      case 'sigmoid':
        return sigmoid(a);
      case 'square':
        return square(a);
      case 'reciprocal':
        return reciprocal(a);
    }
  },
  binary: (op, a, b) => {
    switch (op) {
      case 'add':
        return add(a, b);
      case 'sub':
        return sub(a, b);
      case 'mul':
        return mul(a, b);
      case 'div':
        return div(a, b);
      case 'max':
        return maximum(a, b);
      case 'min':
        return minimum(a, b);
    }
  },
  where: (op, l, r, a, b) => {
    const test = { lt: less, le: lessEqual, gt: greater, ge: greaterEqual }[op];
    return where(test(l, r), a, b);
  },
};

/**
 * surrogate'(x) at x = v - vTh in core ops, for any defined surrogate (its expression, or its `ops`
 * when it has none). Same formula as the host version the reference backend runs; the tests check
 * the two agree.
 *
 * @param name - A defined surrogate's name.
 * @param x - v - vTh.
 * @param alpha - Its sharpness.
 * @example
 * ```ts
 * const d = surrogate.surrogateDerivative('atan', tensor([-0.5, 0, 0.5]), 2);
 * console.log(d.dataSync()); // [0.288, 1, 0.288]
 * ```
 */
export function surrogateDerivative(name: string, x: Tensor, alpha: number): Tensor {
  const def = requireSurrogate(name, 'surrogateDerivative');
  if (def.derivative === undefined) return def.ops!(x, alpha);
  const r = evaluateExpression<TensorLike>(def.derivative, { x, alpha }, CORE_OPS);
  return r instanceof Tensor ? r : fill(x.shape, r);
}

/**
 * The smooth function a surrogate stands for, at x, in core ops (differentiable like any op):
 * SpikingJelly's `primitive_function`, what its surrogates output with `spiking=False`. Throws for a
 * surrogate defined without one.
 *
 * @param name - A defined surrogate's name (with a primitive).
 * @param x - v - vTh.
 * @param alpha - Its sharpness.
 * @example
 * ```ts
 * const y = surrogate.surrogatePrimitive('sigmoid', tensor([-1, 0, 1]), 4); // sigmoid(4x): [0.018, 0.5, 0.982]
 * ```
 */
export function surrogatePrimitive(name: string, x: Tensor, alpha: number): Tensor {
  const def = requireSurrogate(name, 'surrogatePrimitive');
  if (def.primitive === undefined) {
    throw new ArgumentError(
      `surrogatePrimitive: surrogate '${name}' has no primitive (define one with its 'primitive' expression)`,
    );
  }
  const r = evaluateExpression<TensorLike>(def.primitive, { x, alpha }, CORE_OPS);
  return r instanceof Tensor ? r : fill(x.shape, r);
}
