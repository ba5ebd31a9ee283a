import {
  ArgumentError,
  cast,
  expandDims,
  logSoftmax,
  mean,
  mul,
  neg,
  oneHot,
  reshape,
  ShapeError,
  square,
  sub,
  sum,
  type Tensor,
  tidy,
} from '@snn/core';
import { maxOverTime } from '../decoders/decoders.js';
import { nllLoss } from './classification.js';
import { type Targets, targetsTensor } from './targets.js';

/*
 * snnTorch's `snntorch.functional` losses (0.9), same arguments and numbers. Inputs are recordings
 * [T, B, N] (time first). snnTorch returns a one-element tensor; these return a scalar.
 */

function checkRecording(x: Tensor, op: string): [number, number, number] {
  if (x.rank !== 3)
    throw new ShapeError(`${op}: expects a [T, batch, outputs] recording, got [${x.shape.join(', ')}]`);
  return [x.shape[0], x.shape[1], x.shape[2]];
}

/** snnTorch's population coding (`population_code`, `num_classes`) of the spike-count losses and accuracies. */
export interface PopulationCodeOptions {
  /** More output neurons than classes: neurons split into `numClasses` equal consecutive groups (default false). */
  populationCode?: boolean;
  /** Classes; required with `populationCode`, and the output neurons must be a multiple of it. */
  numClasses?: number;
}

/** Spike counts per class [B, C]: sum over time, and over each class's group with population code. */
function spikeCounts(
  spk: Tensor,
  op: string,
  { populationCode = false, numClasses }: PopulationCodeOptions,
): Tensor {
  const [, batch, outputs] = checkRecording(spk, op);
  const counts = sum(spk, 0);
  if (!populationCode) return counts;
  if (!numClasses) throw new ArgumentError(`${op}: numClasses must be given when populationCode is true`);
  if (outputs % numClasses) {
    throw new ArgumentError(`${op}: numOutputs ${outputs} must be a multiple of numClasses ${numClasses}`);
  }
  return sum(reshape(counts, [batch, numClasses, outputs / numClasses]), -1);
}

/**
 * `ce_rate_loss`: cross entropy of the output at every step, averaged over steps (and batch).
 *
 * @param spk - Output spikes [T, batch, classes].
 * @param targets - Class indices [batch].
 * @example
 * ```ts
 * // snnTorch: loss_fn = SF.ce_rate_loss(); loss = loss_fn(spk_rec, targets)
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(ceRateLoss(spk, [0]).item()); // 0.8791
 * ```
 */
export function ceRateLoss(spk: Tensor, targets: Targets): Tensor {
  const [, batch, classes] = checkRecording(spk, 'ceRateLoss');
  return tidy(() => {
    const { t } = targetsTensor(targets, 'ceRateLoss', batch);
    const picked = sum(mul(logSoftmax(spk, -1), expandDims(oneHot(t, classes), 0)), -1);
    // sum over steps of the batch-mean nll, divided by T: the mean over [T, B].
    return neg(mean(picked));
  });
}

/**
 * `ce_count_loss`: cross entropy of the spike counts (summed over time).
 *
 * @param spk - Output spikes [T, batch, neurons].
 * @param targets - Class indices [batch].
 * @param opts - populationCode (default false) and numClasses (required with it).
 * @example
 * ```ts
 * // snnTorch: loss_fn = SF.ce_count_loss(); loss = loss_fn(spk_rec, targets)
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(ceCountLoss(spk, [0]).item()); // 0.2395: cross entropy of the counts [3, 1, 1]
 * ```
 */
export function ceCountLoss(spk: Tensor, targets: Targets, opts: PopulationCodeOptions = {}): Tensor {
  return tidy(() => nllLoss(logSoftmax(spikeCounts(spk, 'ceCountLoss', opts), -1), targets));
}

/**
 * `ce_max_membrane_loss`: cross entropy of each output's maximum membrane potential over time (gradient to the first maximum, as torch.max).
 *
 * @param mem - Output membrane [T, batch, classes].
 * @param targets - Class indices [batch].
 * @example
 * ```ts
 * // snnTorch: loss_fn = SF.ce_max_membrane_loss(); loss = loss_fn(mem_rec, targets)
 * const mem = tensor([[[0.2, 0.1, 0]], [[0.9, 0.3, 0.4]], [[0.5, 0.2, 0.1]]]); // [T 3, batch 1, classes 3]
 * console.log(ceMaxMembraneLoss(mem, [0]).item()); // 0.7679: cross entropy of the maxima [0.9, 0.3, 0.4]
 * ```
 */
export function ceMaxMembraneLoss(mem: Tensor, targets: Targets): Tensor {
  checkRecording(mem, 'ceMaxMembraneLoss');
  return tidy(() => nllLoss(logSoftmax(maxOverTime(mem), -1), targets));
}

/** Options of {@link mseCountLoss} (snnTorch `mse_count_loss(correct_rate, incorrect_rate, population_code, num_classes)`). */
export interface MseCountLossOptions extends PopulationCodeOptions {
  /** Fraction of steps the correct class should fire (snnTorch default 1). */
  correctRate?: number;
  /** Fraction of steps the other classes should fire (default 0). */
  incorrectRate?: number;
}

/**
 * `mse_count_loss`: MSE between spike counts and target counts int(T*correctRate) for the correct
 * class, int(T*incorrectRate) elsewhere (scaled by neurons per class with population code), / T.
 *
 * @param spk - Output spikes [T, batch, neurons].
 * @param targets - Class indices [batch].
 * @param opts - correctRate (default 1) and incorrectRate (default 0): fractions of the T steps; populationCode (default false) and numClasses.
 * @example
 * ```ts
 * // snnTorch: loss_fn = SF.mse_count_loss(correct_rate=0.8, incorrect_rate=0.2)
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(mseCountLoss(spk, [0], { correctRate: 0.8, incorrectRate: 0.2 }).item()); // 0.1667
 * ```
 */
export function mseCountLoss(spk: Tensor, targets: Targets, opts: MseCountLossOptions = {}): Tensor {
  const { correctRate = 1, incorrectRate = 0, populationCode = false } = opts;
  const [steps, batch, outputs] = checkRecording(spk, 'mseCountLoss');
  return tidy(() => {
    const counts = spikeCounts(spk, 'mseCountLoss', opts);
    const classes = counts.shape[1];
    const scale = populationCode ? outputs / classes : 1;
    // Python's int() truncates toward zero.
    const on = Math.trunc(steps * correctRate * scale);
    const off = Math.trunc(steps * incorrectRate * scale);
    const { t } = targetsTensor(targets, 'mseCountLoss', batch);
    const wanted = oneHot(t, classes, on, off);
    return mul(mean(square(sub(counts, wanted))), 1 / steps);
  });
}

/** Options of {@link mseMembraneLoss} (snnTorch `mse_membrane_loss(time_var_targets, on_target, off_target)`). */
export interface MseMembraneLossOptions {
  /** targets are [T, B] labels, one per step (snnTorch `time_var_targets`, default false). */
  timeVarTargets?: boolean;
  /** The membrane the correct class should hold (snnTorch `on_target`, default 1). */
  onTarget?: number;
  /** The membrane the other classes should hold (snnTorch `off_target`, default 0). */
  offTarget?: number;
}

/**
 * `mse_membrane_loss`: MSE between the membrane at every step and onTarget/offTarget, averaged over steps.
 *
 * @param mem - Output membrane [T, batch, classes].
 * @param targets - Class indices [batch] (or [T, batch] with timeVarTargets).
 * @param opts - timeVarTargets (default false), onTarget (default 1) and offTarget (default 0).
 * @example
 * ```ts
 * // snnTorch: loss_fn = SF.mse_membrane_loss(on_target=1, off_target=0)
 * const mem = tensor([[[0.2, 0.1, 0]], [[0.9, 0.3, 0.4]], [[0.5, 0.2, 0.1]]]); // [T 3, batch 1, classes 3]
 * const targets = tensor([0], [1], 'int32'); // [batch] labels
 * console.log(mseMembraneLoss(mem, targets).item()); // 0.1344
 * ```
 */
export function mseMembraneLoss(mem: Tensor, targets: Tensor, opts: MseMembraneLossOptions = {}): Tensor {
  const { timeVarTargets = false, onTarget = 1, offTarget = 0 } = opts;
  const [steps, batch, outputs] = checkRecording(mem, 'mseMembraneLoss');
  const want = timeVarTargets ? [steps, batch] : [batch];
  if (targets.rank !== want.length || targets.shape.some((d, i) => d !== want[i])) {
    throw new ShapeError(
      `mseMembraneLoss: targets must be [${want.join(', ')}] labels, got [${targets.shape.join(', ')}]`,
    );
  }
  return tidy(() => {
    const idx = targets.dtype === 'int32' ? targets : cast(targets, 'int32');
    let wanted = oneHot(idx, outputs, onTarget, offTarget);
    if (!timeVarTargets) wanted = expandDims(wanted, 0);
    // Every step has the same number of elements, so the mean of per-step means is the overall mean.
    return mean(square(sub(mem, wanted)));
  });
}
