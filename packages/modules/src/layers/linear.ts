import { add, matMul, reshape, ShapeError, type Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';
import { uniformFanIn } from './init.js';

/** Options of {@link Linear} (PyTorch's `nn.Linear(in, out, bias=True)`). */
export interface LinearOptions {
  /** Add a learnable bias (PyTorch default true). */
  bias?: boolean;
  /** Seed for the initial weights; defaults to the next seed of `manualSeed`'s sequence. */
  seed?: number;
}

/**
 * y = x W^T + b, PyTorch's `nn.Linear`: `weight` [out, in], `bias` [out], both initialised
 * U(-1/sqrt(in), 1/sqrt(in)). Any leading dims are kept ([T, B, in] -> [T, B, out]: all time steps
 * in one MatMul, SpikingJelly's multi-step mode).
 *
 * @example
 * ```ts
 * // PyTorch: fc = nn.Linear(784, 100)
 * const fc = new Linear(784, 100); // [B, 784] -> [B, 100]
 * const x = zeros([8, 784]);
 * const y = fc.forward(x); // [8, 100]
 * ```
 */
export class Linear extends Module<[Tensor], Tensor> {
  /** Weights, [outFeatures, inFeatures]. */
  readonly weight: Parameter;
  /** Bias, [outFeatures]; null with `bias: false`. */
  readonly bias: Parameter | null;

  constructor(
    /** Size of each input sample's last dim. */
    readonly inFeatures: number,
    /** Size of each output sample's last dim. */
    readonly outFeatures: number,
    { bias = true, seed }: LinearOptions = {},
  ) {
    super();
    this.weight = this.registerParameter('weight', uniformFanIn([outFeatures, inFeatures], inFeatures, seed));
    this.bias = bias
      ? this.registerParameter(
          'bias',
          uniformFanIn([outFeatures], inFeatures, seed === undefined ? undefined : seed + 1),
        )
      : null;
  }

  forward(x: Tensor): Tensor {
    const last = x.shape[x.rank - 1];
    if (x.rank < 1 || last !== this.inFeatures) {
      throw new ShapeError(
        `Linear(${this.inFeatures}, ${this.outFeatures}) expects [..., ${this.inFeatures}], got [${x.shape.join(', ')}]`,
      );
    }
    const lead = x.shape.slice(0, -1);
    const x2 = x.rank === 2 ? x : reshape(x, [-1, this.inFeatures]);
    let y = matMul(x2, this.weight.value, false, true);
    if (this.bias) y = add(y, this.bias.value);
    return x.rank === 2 ? y : reshape(y, [...lead, this.outFeatures]);
  }
}
