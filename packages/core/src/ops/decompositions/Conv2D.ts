import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { conv2dShape } from '../../kernels/shape-utils.js';
import type { Tensor } from '../../tensor/tensor.js';
import { matMul } from '../matmul.js';
import { im2col, type WindowGeometry } from './windows.js';

/** Window geometry of a convolution from x's and w's shapes. */
export function convGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  attrs: { strides: readonly [number, number]; pads: readonly [number, number, number, number] },
): WindowGeometry {
  const [, , ho, wo] = conv2dShape(xShape, wShape, attrs.strides, attrs.pads);
  return {
    n: xShape[0],
    c: xShape[1],
    h: xShape[2],
    w: xShape[3],
    kh: wShape[2],
    kw: wShape[3],
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    pads: attrs.pads,
    ho,
    wo,
  };
}

/** Conv2D as im2col and one batched MatMul: [1, O, C*kh*kw] x [N, C*kh*kw, Ho*Wo]. */
export function conv2dDecomposition(inputs: { x: Tensor; w: Tensor }, attrs: KernelAttrs<'Conv2D'>): Tensor {
  const { x, w } = inputs;
  const g = convGeometry(x.shape, w.shape, attrs);
  const o = w.shape[0];
  const out = matMul(w.reshape([1, o, g.c * g.kh * g.kw]), im2col(x, g));
  return out.reshape([g.n, o, g.ho, g.wo]);
}
