import { ArgumentError, ShapeError } from '../../../errors.js';
import { shapesEqual } from '../../../kernels/shape-utils.js';
import { hostSurrogate, surrogateNames } from '../../../surrogate/registry.js';
import { broadcastBinary } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** dy * surrogate'(x), the backward of a Heaviside spike, with the surrogate's host formula. */
export const SpikeGrad: ReferenceKernel<'SpikeGrad'> = ({ dy, x }, { surrogate, alpha }, store) => {
  store.getFloat(dy, 'SpikeGrad', 'dy');
  store.getFloat(x, 'SpikeGrad', 'x');
  if (!shapesEqual(dy.shape, x.shape)) {
    throw new ShapeError(`SpikeGrad: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] must match`);
  }
  const derivative = hostSurrogate(surrogate, alpha) ?? unsupportedSurrogate('SpikeGrad', surrogate);
  return broadcastBinary(store, dy, x, 'float32', (d, v) => d * derivative(v), 'SpikeGrad');
};

/** A surrogate with neither an expression nor a host formula (or none at all): not native here. */
export function unsupportedSurrogate(op: string, name: string): never {
  throw new ArgumentError(
    `${op}: the reference backend has no host formula for surrogate '${name}' (defined: ${surrogateNames().join(', ')}); core runs its decomposition instead`,
  );
}
