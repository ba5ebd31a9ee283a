import { convGeometry, sampleSpikes, withColumns } from './conv.js';
import { type WasmKernel, withTemp } from './kernel.js';

/**
 * dw[o, c, ky, kx] = sum over n, oy, ox of dy[n, o, oy, ox] * x[n, c, oy*s - pad + ky, ox*s - pad + kx].
 * Event-driven when core marks x as spikes (only the taps of each spike are visited); otherwise
 * im2col + GEMM accumulated over samples, threads splitting dw.
 */
export const Conv2DBackpropFilter: WasmKernel<'Conv2DBackpropFilter'> = ({ x, dy }, attrs, ctx) => {
  const g = convGeometry(x.shape, attrs.wShape, attrs.strides, attrs.pads);
  const [, , , , O, kh, kw, , , , , Ho, Wo] = g;
  const dxd = ctx.data(x, 'Conv2DBackpropFilter');
  const ddy = ctx.data(dy, 'Conv2DBackpropFilter');
  const { info, data } = ctx.output(attrs.wShape, 'float32', 'Conv2DBackpropFilter');
  if (data.size === 0) return info;
  const spikes = sampleSpikes(ctx, x, attrs.spikeInput, 'Conv2DBackpropFilter');
  if (spikes !== undefined) {
    withTemp(ctx, ctx.rt.threads * (data.size / O + Ho * Wo) * O * 4, 'Conv2DBackpropFilter', (scratch) =>
      ctx.rt.call(
        'snn_conv2d_backprop_filter_spikes',
        spikes.nnz * O * kh * kw + data.size,
        spikes.ptr,
        spikes.idx,
        ddy.ptr,
        data.ptr,
        ctx.rt.writeParams(g),
        scratch,
      ),
    );
    return info;
  }
  withColumns(ctx, g, 'Conv2DBackpropFilter', (col) => {
    ctx.rt.call(
      'snn_conv2d_backprop_filter',
      (ddy.size * data.size) / O,
      dxd.ptr,
      ddy.ptr,
      data.ptr,
      ctx.rt.writeParams(g),
      col,
    );
  });
  return info;
};
