import { reshape, ShapeError, type Tensor } from '@snn/core';
import { Module } from '../module/module.js';

/**
 * PyTorch's `nn.Flatten(startDim = 1, endDim = -1)`: merges dims startDim..endDim into one.
 *
 * @example
 * ```ts
 * const x = zeros([8, 12, 4, 4]);
 * new Flatten().forward(x); // [B, 12, 4, 4] -> [B, 192]
 * ```
 */
export class Flatten extends Module<[Tensor], Tensor> {
  constructor(
    /** First dim merged (default 1: keep the batch dim); negative counts from the end. */
    readonly startDim = 1,
    /** Last dim merged, inclusive (default -1: the last). */
    readonly endDim = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    const s = this.startDim < 0 ? x.rank + this.startDim : this.startDim;
    const e = this.endDim < 0 ? x.rank + this.endDim : this.endDim;
    if (s < 0 || e >= x.rank || s > e) {
      throw new ShapeError(
        `Flatten(${this.startDim}, ${this.endDim}) does not fit input [${x.shape.join(', ')}]`,
      );
    }
    const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
    return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
  }
}
