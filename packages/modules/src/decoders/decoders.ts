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

/** Norse tutorial's `decode`: max over time, then log_softmax over classes -> log-probabilities [B, C]. */
export function maxLogSoftmax(x: Tensor): Tensor {
  checkTime(x, 'maxLogSoftmax');
  return tidy(() => logSoftmax(maxOverTime(x), -1));
}

/** The last time step x[T-1]. */
export function lastStep(x: Tensor): Tensor {
  checkTime(x, 'lastStep');
  return tidy(() =>
    squeeze(slice(x, [x.shape[0] - 1, ...x.shape.slice(1).map(() => 0)], [1, ...x.shape.slice(1)]), [0]),
  );
}

/** Mean firing rate per neuron: spikes averaged over time. */
export function firingRate(spikes: Tensor): Tensor {
  checkTime(spikes, 'firingRate');
  return mean(spikes, 0);
}

/** Spike count per neuron: spikes summed over time. */
export function spikeCount(spikes: Tensor): Tensor {
  checkTime(spikes, 'spikeCount');
  return sum(spikes, 0);
}

/** Fraction of samples whose highest score (last axis of [B, C]) is the target class, as a scalar tensor. */
export function accuracy(scores: Tensor, targets: Targets): Tensor {
  if (scores.rank !== 2)
    throw new ShapeError(`accuracy: scores must be [batch, classes], got [${scores.shape.join(', ')}]`);
  return tidy(() => {
    const { t } = targetsTensor(targets, 'accuracy', scores.shape[0]);
    return mean(cast(equal(argMax(scores, -1), t), 'float32'));
  });
}
