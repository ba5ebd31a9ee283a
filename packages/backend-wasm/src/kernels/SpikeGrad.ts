import { ShapeError, shapesEqual } from '@snn/core';
import { surrogateCode } from '../surrogates.js';
import { requireFloat, type WasmKernel } from './kernel.js';

/** dy * surrogate'(x), the backward of a Heaviside spike. */
export const SpikeGrad: WasmKernel<'SpikeGrad'> = ({ dy, x }, { surrogate, alpha }, ctx) => {
  requireFloat(dy, 'SpikeGrad', 'dy');
  requireFloat(x, 'SpikeGrad', 'x');
  if (!shapesEqual(dy.shape, x.shape)) {
    throw new ShapeError(`SpikeGrad: dy [${dy.shape.join(', ')}] and x [${x.shape.join(', ')}] must match`);
  }
  const code = surrogateCode(surrogate, 'SpikeGrad');
  const ddy = ctx.data(dy, 'SpikeGrad');
  const dx = ctx.data(x, 'SpikeGrad');
  const { info, data } = ctx.output(x.shape, 'float32', 'SpikeGrad');
  if (data.size > 0)
    ctx.rt.call('snn_spike_grad', data.size * 4, code, alpha, ddy.ptr, dx.ptr, data.ptr, data.size);
  return info;
};
