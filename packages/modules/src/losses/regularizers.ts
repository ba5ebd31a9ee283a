import { mean, mul, square, sub, sum, type Tensor, tidy } from '@snn/core';

/**
 * snnTorch's `l1_rate_sparsity(Lambda)`: Lambda * total number of spikes in the recording.
 *
 * @param spikes - A spike recording, any shape (e.g. [T, batch, neurons]).
 * @param lambda - The penalty per spike (snnTorch `Lambda`, default 1e-5).
 * @example
 * ```ts
 * // snnTorch: reg_fn = snntorch.functional.reg.l1_rate_sparsity(Lambda=1e-5)
 * const spikes = ones([25, 8, 100]); // [T, batch, neurons], every neuron firing every step
 * console.log(l1RateSparsity(spikes, 1e-5).item()); // 0.2 (20000 spikes * 1e-5), up to float32 rounding
 * ```
 */
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
 *
 * @param spikes - A spike recording [T, ...], time first.
 * @param options - target: the wanted firing probability per step (default 0); weight: the term's
 *   strength (default 1).
 * @example
 * ```ts
 * const spikes = ones([25, 8, 100]); // [T, batch, neurons], rate 1 everywhere
 * const reg = firingRateRegularizer(spikes, { target: 0.1, weight: 0.5 });
 * console.log(reg.item()); // 0.405 (in float32): 0.5 * (1 - 0.1)^2; add it to the loss
 * ```
 */
export function firingRateRegularizer(
  spikes: Tensor,
  { target = 0, weight = 1 }: FiringRateRegularizerOptions = {},
): Tensor {
  return tidy(() => mul(mean(square(sub(mean(spikes, 0), target))), weight));
}
