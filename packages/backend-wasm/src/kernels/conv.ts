import { conv2dShape, poolShape, type TensorInfo } from '@snn/core';
import { type WasmKernelContext, withTemp } from './kernel.js';
import { spikeIndex } from './spike-index.js';

/** Conv2D geometry as csrc/conv.c reads it: N, C, H, W, O, kh, kw, sh, sw, pt, pl, Ho, Wo. */
export function convGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): number[] {
  const [n, o, ho, wo] = conv2dShape(xShape, wShape, strides, pads);
  return [
    n,
    xShape[1],
    xShape[2],
    xShape[3],
    o,
    wShape[2],
    wShape[3],
    strides[0],
    strides[1],
    pads[0],
    pads[2],
    ho,
    wo,
  ];
}

/** Runs a dense conv kernel with a per-thread im2col scratch of C*kh*kw x Ho*Wo floats. */
export function withColumns(
  ctx: WasmKernelContext,
  g: readonly number[],
  kernel: string,
  run: (col: number) => void,
): void {
  const [, C, , , , kh, kw, , , , , Ho, Wo] = g;
  withTemp(ctx, ctx.rt.threads * C * kh * kw * Ho * Wo * 4, kernel, run);
}

/**
 * The lists of x's ones per sample (x as [N, C*H*W]) when core marked x as spikes and it is sparse
 * enough; else undefined (dense path).
 */
export function sampleSpikes(
  ctx: WasmKernelContext,
  x: TensorInfo,
  spikeInput: boolean | undefined,
  kernel: string,
) {
  if (spikeInput !== true) return undefined;
  const [n, c, h, w] = x.shape;
  const lists = spikeIndex(ctx, ctx.data(x, kernel), n, c * h * w);
  return lists === null || lists === 'dense' ? undefined : lists;
}

export function poolGeometry(
  x: TensorInfo,
  k: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): number[] {
  const [n, c, ho, wo] = poolShape(x.shape, k, strides, pads);
  return [n, c, x.shape[2], x.shape[3], k[0], k[1], strides[0], strides[1], pads[0], pads[2], ho, wo];
}
