import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { matMul } from '../matmul.js';
import { unstack } from '../movement.js';
import { convGeometry } from './Conv2D.js';
import { scatterViews } from './windows.js';

/** dx = col2im(w^T dy): the columns' gradient, added back at each window offset. */
export function conv2dBackpropInputDecomposition(
  inputs: { dy: Tensor; w: Tensor },
  attrs: KernelAttrs<'Conv2DBackpropInput'>,
): Tensor {
  const { dy, w } = inputs;
  const g = convGeometry(attrs.xShape, w.shape, attrs);
  const o = w.shape[0];
  const k = g.kh * g.kw;
  const dcols = matMul(w.reshape([1, o, g.c * k]), dy.reshape([g.n, o, g.ho * g.wo]), true, false);
  const pieces = unstack(dcols.reshape([g.n, g.c, k, g.ho, g.wo]), 2);
  return scatterViews(pieces, g);
}
