import { ENGINE } from '../../engine/engine.js';
import type { Decomposition } from '../../engine/kernel-types.js';
import type { Tensor } from '../../tensor/tensor.js';

/*
 * The elementwise optional kernels as compositions of required ones (formulas in
 * kernel-signatures.ts). They call kernels directly, not ops, so int32 stays int32, and constants are
 * the engine's cached scalars of the operand's dtype.
 */

// Functions, not bound values: this module is read while the engine module is still initialising.
const run: typeof ENGINE.runKernel = (name, inputs, attrs) => ENGINE.runKernel(name, inputs, attrs);
const constant = (value: number, like: Tensor) => ENGINE.scalarConst(value, like.dtype);
const TRUE = () => ENGINE.scalarConst(1, 'bool');
const FALSE = () => ENGINE.scalarConst(0, 'bool');

/** (-1)*x: exact for every float (NaN, -0, Infinity) and int32 (wrapping as C). */
function negate(x: Tensor): Tensor {
  return run('Mul', { a: x, b: constant(-1, x) }, {});
}

export const negDecomposition: Decomposition<'Neg'> = ({ x }) => {
  return negate(x);
};

/** a + (-1)*b equals a - b exactly in IEEE arithmetic. */
export const subDecomposition: Decomposition<'Sub'> = ({ a, b }) => {
  return run('Add', { a, b: negate(b) }, {});
};

/** float: -max(-a, -b) (NaN propagates through Maximum); int32: where(b < a, b, a). */
export const minimumDecomposition: Decomposition<'Minimum'> = ({ a, b }) => {
  if (a.dtype === 'int32') return run('Where', { condition: run('Greater', { a, b }, {}), a: b, b: a }, {});
  return negate(run('Maximum', { a: negate(a), b: negate(b) }, {}));
};

/** max(x, -x); abs(-0) = 0. */
export const absDecomposition: Decomposition<'Abs'> = ({ x }) => {
  return run('Maximum', { a: x, b: negate(x) }, {});
};

export const reciprocalDecomposition: Decomposition<'Reciprocal'> = ({ x }) => {
  return run('Div', { a: ENGINE.scalarConst(1, 'float32'), b: x }, {});
};

/** (a == b) == false: true for NaN, as IEEE says. */
export const notEqualDecomposition: Decomposition<'NotEqual'> = ({ a, b }) => {
  return run('Equal', { a: run('Equal', { a, b }, {}), b: FALSE() }, {});
};

/** where(a > b, true, a == b): false when either is NaN. */
export const greaterEqualDecomposition: Decomposition<'GreaterEqual'> = ({ a, b }) => {
  return run(
    'Where',
    { condition: run('Greater', { a, b }, {}), a: TRUE(), b: run('Equal', { a, b }, {}) },
    {},
  );
};

export const lessDecomposition: Decomposition<'Less'> = ({ a, b }) => {
  return run('Greater', { a: b, b: a }, {});
};

export const lessEqualDecomposition: Decomposition<'LessEqual'> = ({ a, b }) => {
  return run('GreaterEqual', { a: b, b: a }, {});
};

/** where(a, b, false). */
export const logicalAndDecomposition: Decomposition<'LogicalAnd'> = ({ a, b }) => {
  return run('Where', { condition: a, a: b, b: FALSE() }, {});
};

/** Cast(x > 0) (x >= 0 when inclusive) to float32; NaN gives 0. */
export const spikeDecomposition: Decomposition<'Spike'> = ({ x }, { inclusive }) => {
  const zero = ENGINE.scalarConst(0, 'float32');
  const fires = run(inclusive ? 'GreaterEqual' : 'Greater', { a: x, b: zero }, {});
  return run('Cast', { x: fires }, { dtype: 'float32' });
};

/** where(indices[..., None] == arange(depth), onValue, offValue): out-of-range indices match nothing. */
export const oneHotDecomposition: Decomposition<'OneHot'> = ({ indices }, attrs) => {
  const { depth, onValue, offValue } = attrs;
  const range = ENGINE.makeTensor(
    Int32Array.from({ length: depth }, (_, k) => k),
    [depth],
    'int32',
  );
  const hit = run('Equal', { a: indices.reshape([...indices.shape, 1]), b: range }, {});
  return run(
    'Where',
    { condition: hit, a: ENGINE.scalarConst(onValue, 'float32'), b: ENGINE.scalarConst(offValue, 'float32') },
    {},
  );
};
