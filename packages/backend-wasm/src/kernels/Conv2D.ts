import { convGeometry, sampleSpikes, withColumns } from './conv.js';
import { type WasmKernel, withTemp } from './kernel.js';
import { transposedOf } from './spike-index.js';

/**
 * Convolution (cross-correlation, as PyTorch): x [N, C, H, W] * w [O, C, kh, kw], no bias. When core
 * marks x as spikes and it is sparse enough, event-driven: the kernel is added at each spike;
 * otherwise im2col + the packed GEMM, one sample per thread at a time.
 */
export const Conv2D: WasmKernel<'Conv2D'> = ({ x, w }, attrs, ctx) => {
  const g = convGeometry(x.shape, w.shape, attrs.strides, attrs.pads);
  const [N, , , , O, kh, kw, , , , , Ho, Wo] = g;
  const dx = ctx.data(x, 'Conv2D');
  const dw = ctx.data(w, 'Conv2D');
  const { info, data } = ctx.output([N, O, Ho, Wo], 'float32', 'Conv2D');
  if (data.size === 0) return info;
  const spikes = sampleSpikes(ctx, x, attrs.spikeInput, 'Conv2D');
  if (spikes !== undefined) {
    // w as [C*kh*kw, O] (cached per weight value): each tap adds one contiguous O-vector.
    const wt = transposedOf(ctx, dw, O, dw.size / O);
    withTemp(ctx, ctx.rt.threads * Ho * Wo * O * 4, 'Conv2D', (scratch) =>
      ctx.rt.call(
        'snn_conv2d_spikes',
        spikes.nnz * O * kh * kw + data.size,
        spikes.ptr,
        spikes.idx,
        wt,
        data.ptr,
        ctx.rt.writeParams(g),
        scratch,
      ),
    );
    return info;
  }
  withColumns(ctx, g, 'Conv2D', (col) => {
    ctx.rt.call(
      'snn_conv2d',
      (data.size * dw.size) / O,
      dx.ptr,
      dw.ptr,
      data.ptr,
      ctx.rt.writeParams(g),
      col,
    );
  });
  return info;
};
