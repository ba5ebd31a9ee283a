import {
  argMax,
  cast,
  equal,
  logSoftmax,
  mean,
  mul,
  oneHot,
  ShapeError,
  slice,
  squeeze,
  sum,
  type Tensor,
  tidy,
  transpose,
} from '@snn/core';
import { type Targets, targetsTensor } from '../losses/targets.js';

/*
 * Decoders turn a recording [T, B, ...] (time first) into one value per sample. They are plain
 * functions: pass them around as Norse's tutorial passes `decode`.
 */

function checkTime(x: Tensor, op: string): void {
  if (x.rank < 2)
    throw new ShapeError(`${op}: expects a [T, batch, ...] recording, got [${x.shape.join(', ')}]`);
}

/**
 * Maximum over time, as Norse tutorial's `torch.max(x, 0)`: the gradient goes to the FIRST time
 * step holding the maximum only (PyTorch's rule for `max(dim)`), not shared among ties -- readout
 * voltages that stay at 0 for several steps tie often, and the gradients differ.
 *
 * @param x - A recording [T, batch, ...], time first.
 * @returns Each element's maximum over time, [batch, ...].
 * @example
 * ```ts
 * const mem = tensor([[[0.2, 0.1, 0]], [[0.9, 0.3, 0.4]], [[0.5, 0.2, 0.1]]]); // [T 3, batch 1, classes 3]
 * console.log(maxOverTime(mem).arraySync()); // [[0.9, 0.3, 0.4]]: [batch, classes]
 * ```
 */
export function maxOverTime(x: Tensor): Tensor {
  checkTime(x, 'maxOverTime');
  return tidy(() => {
    const steps = x.shape[0];
    const first = oneHot(argMax(x, 0), steps); // [...rest, T]
    const perm = [x.rank - 1, ...Array.from({ length: x.rank - 1 }, (_, k) => k)];
    return sum(mul(x, transpose(first, perm)), 0);
  });
}

/**
 * Norse tutorial's `decode`: max over time, then log_softmax over classes -> log-probabilities [B, C].
 *
 * @param x - Readout voltages [T, batch, classes], time first.
 * @returns Log-probabilities [batch, classes].
 * @example
 * ```ts
 * const mem = tensor([[[0.2, 0.1, 0]], [[0.9, 0.3, 0.4]], [[0.5, 0.2, 0.1]]]); // [T 3, batch 1, classes 3]
 * const logP = maxLogSoftmax(mem); // [[-0.7679, -1.3679, -1.2679]]
 * console.log(nllLoss(logP, [0]).item()); // 0.7679, the loss of Norse's tutorial
 * ```
 */
export function maxLogSoftmax(x: Tensor): Tensor {
  checkTime(x, 'maxLogSoftmax');
  return tidy(() => logSoftmax(maxOverTime(x), -1));
}

/**
 * The last time step x[T-1].
 *
 * @param x - A recording [T, ...], time first.
 * @returns x[T-1], shape [...].
 * @example
 * ```ts
 * const mem = tensor([[[0.2, 0.1, 0]], [[0.9, 0.3, 0.4]], [[0.5, 0.2, 0.1]]]); // [T 3, batch 1, classes 3]
 * console.log(lastStep(mem).arraySync()); // [[0.5, 0.2, 0.1]]
 * ```
 */
export function lastStep(x: Tensor): Tensor {
  checkTime(x, 'lastStep');
  return tidy(() =>
    squeeze(slice(x, [x.shape[0] - 1, ...x.shape.slice(1).map(() => 0)], [1, ...x.shape.slice(1)]), [0]),
  );
}

/**
 * Mean firing rate per neuron: spikes averaged over time.
 *
 * @param spikes - A spike recording [T, batch, ...], time first.
 * @returns Spikes per step, in [0, 1], shape [batch, ...].
 * @example
 * ```ts
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(firingRate(spk).arraySync()); // [[0.75, 0.25, 0.25]]
 * ```
 */
export function firingRate(spikes: Tensor): Tensor {
  checkTime(spikes, 'firingRate');
  return mean(spikes, 0);
}

/**
 * Spike count per neuron: spikes summed over time.
 *
 * @param spikes - A spike recording [T, batch, ...], time first.
 * @returns Spikes per neuron, shape [batch, ...].
 * @example
 * ```ts
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(spikeCount(spk).arraySync()); // [[3, 1, 1]]
 * ```
 */
export function spikeCount(spikes: Tensor): Tensor {
  checkTime(spikes, 'spikeCount');
  return sum(spikes, 0);
}

/**
 * Fraction of samples whose highest score (last axis of [B, C]) is the target class, as a scalar tensor.
 *
 * @param scores - Class scores [batch, classes] (log-probabilities, spike counts, voltages...).
 * @param targets - Class indices [batch]: an int32 tensor, an Int32Array or a number array.
 * @example
 * ```ts
 * // snnTorch: SF.accuracy_rate(spk_rec, targets)
 * const spk = tensor([[[1, 0, 0]], [[1, 0, 1]], [[1, 0, 0]], [[0, 1, 0]]]); // [T 4, batch 1, classes 3]
 * console.log(accuracy(spikeCount(spk), [0]).item()); // 1: class 0 fired most
 * ```
 */
export function accuracy(scores: Tensor, targets: Targets): Tensor {
  if (scores.rank !== 2)
    throw new ShapeError(`accuracy: scores must be [batch, classes], got [${scores.shape.join(', ')}]`);
  return tidy(() => {
    const { t } = targetsTensor(targets, 'accuracy', scores.shape[0]);
    return mean(cast(equal(argMax(scores, -1), t), 'float32'));
  });
}
