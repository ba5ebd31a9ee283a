import { ShapeError } from '../../../errors.js';
import { shapesEqual } from '../../../kernels/shape-utils.js';
import { broadcastBinary } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { surrogateDerivativeFn } from '../surrogate-derivatives.js';

/** dy * surrogate'(x), the backward of a Heaviside spike (formulas in surrogate-derivatives.ts). */
export const SpikeGrad: ReferenceKernel<'SpikeGrad'> = ({ dy, x }, { surrogate, alpha }, store) => {
  store.getFloat(dy, 'SpikeGrad', 'dy');
  store.getFloat(x, 'SpikeGrad', 'x');
  if (!shapesEqual(dy.shape, x.shape)) {
    throw new ShapeError(`SpikeGrad: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] must match`);
  }
  const derivative = surrogateDerivativeFn(surrogate, alpha);
  return broadcastBinary(store, dy, x, 'float32', (d, v) => d * derivative(v), 'SpikeGrad');
};
