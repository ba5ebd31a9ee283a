import { ArgumentError, adamUpdate, type Tensor, zerosLike } from '@snn/core';
import type { Parameter } from '../module/parameter.js';
import { Optimizer } from './optimizer.js';

/** Options of {@link Adam}, PyTorch's names in camelCase and its defaults. */
export interface AdamOptions {
  /** Learning rate, default 1e-3. */
  lr?: number;
  /** Decay rates of the running mean of the gradient and of its square, default [0.9, 0.999]. */
  betas?: [number, number];
  /** Added to the denominator for numerical stability, default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (PyTorch's `weight_decay`, not AdamW's), default 0. */
  weightDecay?: number;
}

/**
 * `torch.optim.Adam` with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0
 * added to the gradient as L2, no amsgrad). Each update is one `AdamUpdate` kernel per parameter
 * via core's `adamUpdate` (core decomposes it where a backend lacks it). State: `exp_avg`, `exp_avg_sq`, step, as PyTorch names them.
 *
 * @param params - The parameters to update (usually `model.parameters()`), each once.
 * @param options - lr (default 1e-3), betas (default [0.9, 0.999]), eps (default 1e-8), weightDecay (default 0).
 * @example
 * ```ts
 * // PyTorch: optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
 * const model = new Linear(784, 10);
 * const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
 * const x = zeros([32, 784]); // a batch
 * const labels = new Array<number>(32).fill(3);
 * computeGradients(() => crossEntropy(model.forward(x), labels), model.parameters()); // loss.backward()
 * optimizer.step();
 * optimizer.zeroGrad();
 * ```
 */
export class Adam extends Optimizer {
  protected readonly typeName = 'Adam';
  /** Decay rate of the gradient's running mean (default 0.9). */
  beta1: number;
  /** Decay rate of the squared gradient's running mean (default 0.999). */
  beta2: number;
  /** Added to the denominator for numerical stability (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;

  constructor(
    params: Iterable<Parameter>,
    { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 }: AdamOptions = {},
  ) {
    super(params, lr);
    for (const b of betas) {
      if (!(b >= 0 && b < 1))
        throw new ArgumentError(`Adam: betas must be in [0, 1), got [${betas.join(', ')}]`);
    }
    if (!(eps >= 0 && Number.isFinite(eps)))
      throw new ArgumentError(`Adam: eps must be a finite number >= 0, got ${eps}`);
    if (!(weightDecay >= 0 && Number.isFinite(weightDecay))) {
      throw new ArgumentError(`Adam: weightDecay must be a finite number >= 0, got ${weightDecay}`);
    }
    [this.beta1, this.beta2] = betas;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  /** Adam's hyperparameters other than `lr`, as its state dict's `meta.hyper` records them. */
  protected hyper(): {
    /** Decay rate of the gradient's running mean. */
    beta1: number;
    /** Decay rate of the squared gradient's running mean. */
    beta2: number;
    /** Added to the denominator for numerical stability. */
    eps: number;
    /** L2 penalty added to the gradient. */
    weightDecay: number;
  } {
    return { beta1: this.beta1, beta2: this.beta2, eps: this.eps, weightDecay: this.weightDecay };
  }

  protected setHyper(h: Record<string, number | boolean>): void {
    this.beta1 = Number(h.beta1);
    this.beta2 = Number(h.beta2);
    this.eps = Number(h.eps);
    this.weightDecay = Number(h.weightDecay);
  }

  /**
   * One parameter's Adam step (bias-corrected with `step`, 1 for the first); a missing `exp_avg` or
   * `exp_avg_sq` starts at zeros.
   */
  protected update(
    value: Tensor,
    grad: Tensor,
    state: ReadonlyMap<string, Tensor>,
    step: number,
  ): {
    /** The parameter's new value. */
    value: Tensor;
    /** The moments to keep, named as PyTorch's Adam state. */
    state: {
      /** Running mean of the gradient (PyTorch `exp_avg`), the parameter's shape. */
      exp_avg: Tensor;
      /** Running mean of the squared gradient (PyTorch `exp_avg_sq`), the parameter's shape. */
      exp_avg_sq: Tensor;
    };
  } {
    const [next, m, v] = adamUpdate(
      value,
      grad,
      state.get('exp_avg') ?? zerosLike(value),
      state.get('exp_avg_sq') ?? zerosLike(value),
      {
        lr: this.lr,
        beta1: this.beta1,
        beta2: this.beta2,
        eps: this.eps,
        weightDecay: this.weightDecay,
        step,
      },
    );
    return { value: next, state: { exp_avg: m, exp_avg_sq: v } };
  }
}
