import { ENGINE } from '../../engine/engine.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import { poolShape } from '../../kernels/shape-utils.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { WindowGeometry } from './windows.js';
import { windowViews } from './windows.js';

export function poolGeometry(xShape: readonly number[], attrs: KernelAttrs<'MaxPool'>): WindowGeometry {
  const [, , ho, wo] = poolShape(xShape, attrs.kernel, attrs.strides, attrs.pads);
  return {
    n: xShape[0],
    c: xShape[1],
    h: xShape[2],
    w: xShape[3],
    kh: attrs.kernel[0],
    kw: attrs.kernel[1],
    sh: attrs.strides[0],
    sw: attrs.strides[1],
    pads: attrs.pads,
    ho,
    wo,
  };
}

/** The windows of x stacked last: [N, C, Ho, Wo, kh*kw] (padding is -Infinity). */
export function poolWindows(x: Tensor, g: WindowGeometry): Tensor {
  const views = windowViews(x, g, Number.NEGATIVE_INFINITY).map((v) => v.reshape([g.n, g.c, g.ho, g.wo, 1]));
  return views.length === 1 ? views[0] : ENGINE.runKernel('Concat', { xs: views }, { axis: 4 });
}

/** MaxPool as a Max over the stacked windows. */
export function maxPoolDecomposition(inputs: { x: Tensor }, attrs: KernelAttrs<'MaxPool'>): Tensor {
  const g = poolGeometry(inputs.x.shape, attrs);
  return ENGINE.runKernel('Max', { x: poolWindows(inputs.x, g) }, { axes: [4], keepDims: false });
}
