import {
  add,
  minimum,
  mul,
  noGrad,
  reciprocal,
  scalar,
  sqrt,
  square,
  sum,
  type Tensor,
  tidy,
  valueAndGrads,
} from '@snn/core';
import type { Parameter } from '../module/parameter.js';

/**
 * Runs `f` (which must return a scalar loss), stores d loss / d p in each parameter's `grad`
 * (replacing the previous one: call `optimizer.zeroGrad()` or let the next call replace it) and
 * returns the loss. This is PyTorch's `loss.backward()` for a functional tape.
 *
 * @param f - Computes the loss from the parameters' current values; must return a scalar.
 * @param params - The parameters to differentiate against (usually `model.parameters()`).
 * @returns The loss, a scalar the caller owns.
 * @example
 * ```ts
 * // PyTorch: loss = loss_fn(model(x), y); loss.backward()
 * const model = new Linear(784, 10);
 * const x = zeros([32, 784]);
 * const loss = computeGradients(() => mseLoss(model.forward(x), zeros([32, 10])), model.parameters());
 * console.log(loss.item(), model.weight.grad?.shape); // the loss, then [10, 784]
 * ```
 */
export function computeGradients(f: () => Tensor, params: readonly Parameter[]): Tensor {
  const { value, grads } = valueAndGrads(
    f,
    params.map((p) => p.value),
  );
  params.forEach((p, i) => {
    p.setGrad(grads[i]);
  });
  return value;
}

/**
 * `torch.nn.utils.clip_grad_norm_`: scales all gradients by min(1, maxNorm / (totalNorm + 1e-6)),
 * where totalNorm is the 2-norm of all gradients together. Returns totalNorm (a scalar the caller
 * owns). Stays on the device: no read-back.
 *
 * @param params - The parameters whose gradients are scaled (those without one are skipped).
 * @param maxNorm - The largest 2-norm of all gradients together.
 * @returns The norm before clipping, a scalar the caller owns.
 * @example
 * ```ts
 * // PyTorch: torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
 * const model = new Linear(3, 2);
 * computeGradients(() => mseLoss(model.forward(ones([4, 3])), zeros([4, 2])), model.parameters());
 * const totalNorm = clipGradNorm(model.parameters(), 1.0); // the norm before clipping, a scalar
 * new SGD(model.parameters(), { lr: 0.1 }).step();
 * ```
 */
export function clipGradNorm(params: readonly Parameter[], maxNorm: number): Tensor {
  const withGrad = params.filter((p) => p.grad);
  return noGrad(() => {
    const total = tidy(() => {
      let sq: Tensor = scalar(0);
      for (const p of withGrad) sq = add(sq, sum(square(p.grad!)));
      return sqrt(sq);
    });
    const coef = tidy(() => minimum(mul(reciprocal(add(total, 1e-6)), maxNorm), 1));
    for (const p of withGrad) p.setGrad(mul(p.grad!, coef));
    coef.dispose();
    return total;
  });
}
