import { ENGINE } from '../../engine/engine.js';
import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../binary.js';
import { unstack } from '../movement.js';
import { poolGeometry, poolWindows } from './MaxPool.js';
import { scatterViews } from './windows.js';

/**
 * Each dy goes to the first (row-major) maximum of its window: ArgMax over the stacked windows picks
 * exactly that one; a one-hot mask times dy is scattered back to the window offsets.
 */
export function maxPoolGradDecomposition(
  inputs: { dy: Tensor; x: Tensor },
  attrs: KernelAttrs<'MaxPoolGrad'>,
): Tensor {
  const { dy, x } = inputs;
  const g = poolGeometry(x.shape, attrs);
  const k = g.kh * g.kw;
  const first = ENGINE.runKernel('ArgMax', { x: poolWindows(x, g) }, { axis: 4 });
  const mask = ENGINE.runKernel('OneHot', { indices: first }, { depth: k, onValue: 1, offValue: 0 });
  const routed = mul(mask, dy.reshape([g.n, g.c, g.ho, g.wo, 1]));
  return scatterViews(unstack(routed, 4), g);
}
