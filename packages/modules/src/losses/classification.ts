import {
  logSoftmax,
  mean,
  mul,
  neg,
  oneHot,
  ShapeError,
  square,
  sub,
  sum,
  type Tensor,
  tidy,
} from '@snn/core';
import { type Targets, targetsTensor } from './targets.js';

/** How a loss reduces its per-sample values, as PyTorch's `reduction`: mean (the usual default), sum, or none ([batch]). */
export type Reduction = 'mean' | 'sum' | 'none';

function reduce(perSample: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return perSample;
  return reduction === 'sum' ? sum(perSample) : mean(perSample);
}

/**
 * PyTorch's `nll_loss`: -logP[b, target[b]] per sample, then the mean (default), sum or none.
 * logP [B, C] (already log-probabilities, e.g. from `logSoftmax`), targets [B] class indices.
 *
 * @param logP - Log-probabilities [batch, classes] (e.g. `logSoftmax` or `maxLogSoftmax` output).
 * @param targets - Class indices [batch]: an int32 tensor, an Int32Array or a number array.
 * @param options - reduction: 'mean' (default), 'sum' or 'none' (per sample, [batch]).
 * @example
 * ```ts
 * // PyTorch: F.nll_loss(log_probs, targets)
 * const logP = tensor([[-0.1, -2.4], [-1.2, -0.4]]); // [batch 2, classes 2], log-probabilities
 * console.log(nllLoss(logP, [0, 1]).item()); // 0.25: mean of 0.1 and 0.4
 * ```
 */
export function nllLoss(
  logP: Tensor,
  targets: Targets,
  { reduction = 'mean' }: { reduction?: Reduction } = {},
): Tensor {
  if (logP.rank !== 2) {
    throw new ShapeError(`nllLoss: input must be [batch, classes], got [${logP.shape.join(', ')}]`);
  }
  const [batch, classes] = logP.shape;
  return tidy(() => {
    const { t } = targetsTensor(targets, 'nllLoss', batch);
    const picked = sum(mul(logP, oneHot(t, classes)), -1);
    return reduce(neg(picked), reduction);
  });
}

/**
 * PyTorch's `cross_entropy` on logits [B, C]: nllLoss(logSoftmax(logits)).
 *
 * @param logits - Unnormalised class scores [batch, classes].
 * @param targets - Class indices [batch]: an int32 tensor, an Int32Array or a number array.
 * @param opts - reduction: 'mean' (default), 'sum' or 'none' (per sample, [batch]).
 * @example
 * ```ts
 * // PyTorch: F.cross_entropy(logits, targets)
 * const logits = tensor([[2, 0, 0], [0, 1, 3]]); // [batch 2, classes 3]
 * console.log(crossEntropy(logits, [0, 2]).item()); // 0.2047
 * console.log(crossEntropy(logits, [0, 2], { reduction: 'none' }).dataSync()); // [0.2395, 0.1698]
 * ```
 */
export function crossEntropy(logits: Tensor, targets: Targets, opts: { reduction?: Reduction } = {}): Tensor {
  if (logits.rank !== 2) {
    throw new ShapeError(`crossEntropy: input must be [batch, classes], got [${logits.shape.join(', ')}]`);
  }
  return tidy(() => nllLoss(logSoftmax(logits, -1), targets, opts));
}

/**
 * PyTorch's `mse_loss`: mean (default), sum or elementwise squared difference; shapes must match.
 *
 * @param input - The prediction, any shape.
 * @param target - The target, the same shape.
 * @param options - reduction: 'mean' (default), 'sum' or 'none' (elementwise).
 * @example
 * ```ts
 * // PyTorch: F.mse_loss(input, target)
 * console.log(mseLoss(tensor([1, 2, 3]), tensor([1, 2, 5])).item()); // 1.3333: (0 + 0 + 4) / 3
 * ```
 */
export function mseLoss(
  input: Tensor,
  target: Tensor,
  { reduction = 'mean' }: { reduction?: Reduction } = {},
): Tensor {
  if (input.shape.length !== target.shape.length || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new ShapeError(
      `mseLoss: input [${input.shape.join(', ')}] and target [${target.shape.join(', ')}] must have the same shape`,
    );
  }
  return tidy(() => {
    const sq = square(sub(input, target));
    return reduction === 'none' ? sq : reduction === 'sum' ? sum(sq) : mean(sq);
  });
}
