import { add, conv2d, reshape, ShapeError, type Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { uniformFanIn } from './init.js';

/** Options of {@link Conv2d}, as PyTorch's `nn.Conv2d(in, out, kernel_size, stride=1, padding=0, bias=True)`. */
export interface Conv2dOptions {
  /** Step of the kernel over height and width (one number for both), default 1. */
  stride?: number | [number, number];
  /** Zeros added on each side of height and width (one number for both), default 0. */
  padding?: number | [number, number];
  /** Add a learnable bias per output channel (PyTorch default true). */
  bias?: boolean;
  /** Seed for the initial weights; defaults to the next seed of `manualSeed`'s sequence. */
  seed?: number;
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * PyTorch's `nn.Conv2d` (NCHW input, `weight` [out, in, kh, kw], `bias` [out]), initialised
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn = in*kh*kw. A 5-D input [T, B, C, H, W] is run as
 * one [T*B, C, H, W] batch (SpikingJelly's multi-step mode).
 *
 * @param kernelSize - Kernel height and width: one number for both, or [kH, kW].
 * @param options - stride (default 1), padding (default 0), bias (default true) and seed (default: the next of `manualSeed`'s sequence).
 * @example
 * ```ts
 * const x = zeros([8, 1, 28, 28]);
 * const conv = new Conv2d(1, 12, 5); // [B, 1, 28, 28] -> [B, 12, 24, 24]
 * const y = conv.forward(x);
 * ```
 */
export class Conv2d extends Module<[Tensor], Tensor> {
  /** Kernels, [outChannels, inChannels, kh, kw]. */
  readonly weight: Parameter;
  /** Bias per output channel, [outChannels]; null with `bias: false`. */
  readonly bias: Parameter | null;
  /** Kernel [height, width], in pixels. */
  readonly kernelSize: [number, number];
  /** Stride [height, width], in pixels (default 1). */
  readonly stride: [number, number];
  /** Zero padding [height, width] on each side, in pixels (default 0). */
  readonly padding: [number, number];

  constructor(
    /** Input channels C_in. */
    readonly inChannels: number,
    /** Output channels C_out. */
    readonly outChannels: number,
    kernelSize: number | [number, number],
    { stride = 1, padding = 0, bias = true, seed }: Conv2dOptions = {},
  ) {
    super();
    this.kernelSize = pair(kernelSize);
    this.stride = pair(stride);
    this.padding = pair(padding);
    const fanIn = inChannels * this.kernelSize[0] * this.kernelSize[1];
    this.weight = this.registerParameter(
      'weight',
      uniformFanIn([outChannels, inChannels, ...this.kernelSize], fanIn, seed),
    );
    this.bias = bias
      ? this.registerParameter(
          'bias',
          uniformFanIn([outChannels], fanIn, seed === undefined ? undefined : seed + 1),
        )
      : null;
  }

  forward(x: Tensor): Tensor {
    if ((x.rank !== 4 && x.rank !== 5) || x.shape[x.rank - 3] !== this.inChannels) {
      throw new ShapeError(
        `Conv2d(${this.inChannels}, ${this.outChannels}) expects [N, ${this.inChannels}, H, W] or [T, N, ${this.inChannels}, H, W], got [${x.shape.join(', ')}]`,
      );
    }
    const x4 = x.rank === 4 ? x : reshape(x, [-1, ...x.shape.slice(2)]);
    let y = conv2d(x4, this.weight.value, { stride: this.stride, padding: this.padding });
    if (this.bias) y = add(y, reshape(this.bias.value, [1, this.outChannels, 1, 1]));
    return x.rank === 4 ? y : reshape(y, [x.shape[0], x.shape[1], ...y.shape.slice(1)]);
  }
}
