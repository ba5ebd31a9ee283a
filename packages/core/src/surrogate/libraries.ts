import {
  atan,
  erf,
  fastSigmoid,
  leakyKReLU,
  piecewiseExp,
  piecewiseLeakyReLU,
  piecewiseQuadratic,
  qPseudoSpike,
  s2nn,
  sigmoid,
  softSign,
  spikeRateEscape,
  straightThrough,
  triangular,
} from './factories.js';
import type { SpikeFunction } from './spike-function.js';

/*
 * The surrogates under each library's own names, arguments and defaults, for code ported from it.
 * The libraries disagree on what a name means: snnTorch's `sigmoid` has slope 25, SpikingJelly's
 * `Sigmoid` alpha 4 (core's `surrogate.sigmoid` follows SpikingJelly), so `surrogate.snntorch.sigmoid()`
 * and `surrogate.spikingjelly.sigmoid()` differ. The forward step's threshold convention is the
 * neuron's (snnTorch fires on x > 0, SpikingJelly on x >= 0), not the surrogate's.
 */

/** snnTorch 0.9.4 `snntorch.surrogate`, camelCase. */
export const snntorch = Object.freeze({
  /** `fast_sigmoid(slope=25)`. */
  fastSigmoid: (options: { slope?: number } = {}): SpikeFunction =>
    fastSigmoid({ slope: options.slope ?? 25 }),
  /** `sigmoid(slope=25)`: slope * s * (1 - s), s = sigmoid(slope*x). */
  sigmoid: (options: { slope?: number } = {}): SpikeFunction => sigmoid({ alpha: options.slope ?? 25 }),
  /** `atan(alpha=2.0)`. */
  atan: (options: { alpha?: number } = {}): SpikeFunction => atan({ alpha: options.alpha ?? 2 }),
  /** `triangular(threshold=1)`. */
  triangular: (options: { threshold?: number } = {}): SpikeFunction => triangular(options),
  /** `straight_through_estimator()`. */
  straightThroughEstimator: (): SpikeFunction => straightThrough(),
  /** `spike_rate_escape(beta=1, slope=25)`. */
  spikeRateEscape: (options: { beta?: number; slope?: number } = {}): SpikeFunction =>
    spikeRateEscape(options),
});

/** SpikingJelly 0.0.0.0.14 `activation_based.surrogate`, camelCase (`Sigmoid` -> `sigmoid`). */
export const spikingjelly = Object.freeze({
  /** `Sigmoid(alpha=4.0)`. */
  sigmoid: (options: { alpha?: number } = {}): SpikeFunction => sigmoid({ alpha: options.alpha ?? 4 }),
  /** `ATan(alpha=2.0)`. */
  atan: (options: { alpha?: number } = {}): SpikeFunction => atan({ alpha: options.alpha ?? 2 }),
  /** `PiecewiseQuadratic(alpha=1.0)`. */
  piecewiseQuadratic: (options: { alpha?: number } = {}): SpikeFunction => piecewiseQuadratic(options),
  /** `PiecewiseExp(alpha=1.0)`. */
  piecewiseExp: (options: { alpha?: number } = {}): SpikeFunction => piecewiseExp(options),
  /** `SoftSign(alpha=2.0)`. */
  softSign: (options: { alpha?: number } = {}): SpikeFunction => softSign(options),
  /** `Erf(alpha=2.0)`. */
  erf: (options: { alpha?: number } = {}): SpikeFunction => erf(options),
  /** `PiecewiseLeakyReLU(w=1.0, c=0.01)`. */
  piecewiseLeakyReLU: (options: { w?: number; c?: number } = {}): SpikeFunction =>
    piecewiseLeakyReLU(options),
  /** `QPseudoSpike(alpha=2.0)`. */
  qPseudoSpike: (options: { alpha?: number } = {}): SpikeFunction => qPseudoSpike(options),
  /** `LeakyKReLU(leak=0.0, k=1.0)`. */
  leakyKReLU: (options: { leak?: number; k?: number } = {}): SpikeFunction => leakyKReLU(options),
  /** `S2NN(alpha=4.0, beta=1.0)`. */
  s2nn: (options: { alpha?: number; beta?: number } = {}): SpikeFunction => s2nn(options),
});
