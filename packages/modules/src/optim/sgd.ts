import { ArgumentError, sgdUpdate, type Tensor, zerosLike } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link SGD}, as `torch.optim.SGD` (the learning rate is required, as in PyTorch). */
export interface SGDOptions {
  /** Learning rate. */
  lr: number;
  /** Momentum factor, default 0 (plain SGD). */
  momentum?: number;
  /** Dampening of the momentum, default 0. */
  dampening?: number;
  /** Nesterov momentum, default false. */
  nesterov?: boolean;
  /** L2 penalty added to the gradient, default 0. */
  weightDecay?: number;
}

/**
 * `torch.optim.SGD`: weight decay added to the gradient, momentum buffer (`momentum_buffer`) set to
 * the gradient on the first step, dampening, Nesterov. One `SGDUpdate` kernel per parameter.
 *
 * @param params - The parameters to update (usually `model.parameters()`), each once.
 * @param options - lr (required), momentum, dampening and weightDecay (default 0), nesterov (default false).
 * @example
 * ```ts
 * // PyTorch: optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
 * const model = new Linear(784, 10);
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * const x = zeros([32, 784]);
 * computeGradients(() => mseLoss(model.forward(x), zeros([32, 10])), model.parameters());
 * optimizer.step();
 * optimizer.zeroGrad();
 * ```
 */
export class SGD extends Optimizer {
  protected readonly typeName = 'SGD';
  /** Momentum factor (default 0: plain SGD). */
  momentum: number;
  /** Dampening of the momentum (default 0). */
  dampening: number;
  /** Nesterov momentum (default false). */
  nesterov: boolean;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;

  constructor(
    params: Iterable<Parameter>,
    { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 }: SGDOptions,
  ) {
    super(params, lr);
    for (const [name, v] of [
      ['momentum', momentum],
      ['dampening', dampening],
      ['weightDecay', weightDecay],
    ] as const) {
      if (!(v >= 0 && Number.isFinite(v)))
        throw new ArgumentError(`SGD: ${name} must be a finite number >= 0, got ${v}`);
    }
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ArgumentError('SGD: Nesterov momentum requires momentum > 0 and dampening 0 (as in PyTorch)');
    }
    this.momentum = momentum;
    this.dampening = dampening;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
  }

  /** SGD's hyperparameters other than `lr`, as its state dict's `meta.hyper` records them. */
  protected hyper(): {
    /** Momentum factor. */
    momentum: number;
    /** Dampening of the momentum. */
    dampening: number;
    /** Nesterov momentum. */
    nesterov: boolean;
    /** L2 penalty added to the gradient. */
    weightDecay: number;
  } {
    return {
      momentum: this.momentum,
      dampening: this.dampening,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
    };
  }

  protected setHyper(h: Record<string, number | boolean>): void {
    this.momentum = Number(h.momentum);
    this.dampening = Number(h.dampening);
    this.nesterov = Boolean(h.nesterov);
    this.weightDecay = Number(h.weightDecay);
  }

  /**
   * One parameter's SGD step; the momentum buffer starts as the gradient on the first step (no
   * `momentum_buffer` in `state` yet), as in PyTorch.
   */
  protected update(
    value: Tensor,
    grad: Tensor,
    state: ReadonlyMap<string, Tensor>,
  ): {
    /** The parameter's new value. */
    value: Tensor;
    /** `momentum_buffer` (the parameter's shape) when momentum > 0; nothing without momentum, as PyTorch. */
    state: Record<string, Tensor>;
  } {
    const buf = state.get('momentum_buffer');
    const [next, nextBuf] = sgdUpdate(value, grad, buf ?? zerosLike(value), {
      lr: this.lr,
      momentum: this.momentum,
      dampening: this.dampening,
      nesterov: this.nesterov,
      weightDecay: this.weightDecay,
      firstStep: buf === undefined,
    });
    // Without momentum PyTorch keeps no buffer; neither do we.
    const kept: Record<string, Tensor> = this.momentum > 0 ? { momentum_buffer: nextBuf } : {};
    return { value: next, state: kept };
  }
}
