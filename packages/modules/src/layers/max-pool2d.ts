import { maxPool2d, reshape, ShapeError, type Tensor } from '@snn/core';
import { Module } from '../module/module.js';

/**
 * PyTorch's `nn.MaxPool2d(kernel, stride = kernel, padding = 0)`; 5-D [T, B, C, H, W] input as one batch.
 *
 * @example
 * ```ts
 * const x = zeros([8, 12, 24, 24]);
 * new MaxPool2d(2).forward(x); // [B, 12, 24, 24] -> [B, 12, 12, 12]
 * ```
 */
export class MaxPool2d extends Module<[Tensor], Tensor> {
  constructor(
    /** Window size (square), in pixels. */
    readonly kernelSize: number,
    /** Stride, in pixels (default: `kernelSize`). */
    readonly stride: number = kernelSize,
    /** Padding on each side, in pixels (default 0). */
    readonly padding = 0,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 && x.rank !== 5) {
      throw new ShapeError(`MaxPool2d expects [N, C, H, W] or [T, N, C, H, W], got [${x.shape.join(', ')}]`);
    }
    const x4 = x.rank === 4 ? x : reshape(x, [-1, ...x.shape.slice(2)]);
    const y = maxPool2d(x4, this.kernelSize, this.stride, this.padding);
    return x.rank === 4 ? y : reshape(y, [x.shape[0], x.shape[1], ...y.shape.slice(1)]);
  }
}
