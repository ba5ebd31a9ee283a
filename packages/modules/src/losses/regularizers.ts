import { mean, mul, square, sub, sum, type Tensor, tidy } from '@snn/core';

/** snnTorch's `l1_rate_sparsity(Lambda)`: Lambda * total number of spikes in the recording. */
export function l1RateSparsity(spikes: Tensor, lambda = 1e-5): Tensor {
  return tidy(() => mul(sum(spikes), lambda));
}

/** Options of {@link firingRateRegularizer}: the wanted firing rate and the term's strength. */
export interface FiringRateRegularizerOptions {
  /** Wanted mean firing probability per step for every neuron (default 0: plain sparsity). */
  target?: number;
  /** Strength (default 1). */
  weight?: number;
}

/**
 * weight * mean over neurons of (rate - target)^2, where rate is each neuron's firing rate over
 * time (mean over axis 0 of a [T, ...] spike recording) -- keeps a layer near a chosen activity.
 */
export function firingRateRegularizer(
  spikes: Tensor,
  { target = 0, weight = 1 }: FiringRateRegularizerOptions = {},
): Tensor {
  return tidy(() => mul(mean(square(sub(mean(spikes, 0), target))), weight));
}
