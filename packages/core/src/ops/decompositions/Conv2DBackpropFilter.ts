import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { matMul } from '../matmul.js';
import { sum } from '../reduce.js';
import { convGeometry } from './Conv2D.js';
import { im2col } from './windows.js';

/** dw = sum over the batch of dy [O, Ho*Wo] x columns^T. */
export function conv2dBackpropFilterDecomposition(
  inputs: { x: Tensor; dy: Tensor },
  attrs: KernelAttrs<'Conv2DBackpropFilter'>,
): Tensor {
  const { x, dy } = inputs;
  const g = convGeometry(x.shape, attrs.wShape, attrs);
  const o = attrs.wShape[0];
  const perSample = matMul(dy.reshape([g.n, o, g.ho * g.wo]), im2col(x, g), false, true);
  return sum(perSample, 0).reshape([...attrs.wShape]);
}
