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
import { primitiveSpikeFunction, type SpikeFunction } from './spike-function.js';

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

/** SpikingJelly's `spiking` argument: false makes the surrogate's smooth primitive the forward. */
export interface SpikingOption {
  /** Default true (Heaviside forward, surrogate backward); false: SpikingJelly's `spiking=False`. */
  spiking?: boolean;
}

function sj(spike: SpikeFunction, spiking: boolean | undefined): SpikeFunction {
  return spiking === false ? primitiveSpikeFunction(spike.surrogate, spike.alpha) : spike;
}

/** SpikingJelly 0.0.0.0.14 `activation_based.surrogate`, camelCase (`Sigmoid` -> `sigmoid`). */
export const spikingjelly = Object.freeze({
  /** `Sigmoid(alpha=4.0, spiking=True)`. */
  sigmoid: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction =>
    sj(sigmoid({ alpha: o.alpha ?? 4 }), o.spiking),
  /** `ATan(alpha=2.0)` (spiking only: its primitive needs arctan, which the expressions lack). */
  atan: (o: { alpha?: number } = {}): SpikeFunction => atan({ alpha: o.alpha ?? 2 }),
  /** `PiecewiseQuadratic(alpha=1.0, spiking=True)`. */
  piecewiseQuadratic: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction =>
    sj(piecewiseQuadratic(o), o.spiking),
  /** `PiecewiseExp(alpha=1.0, spiking=True)`. */
  piecewiseExp: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction => sj(piecewiseExp(o), o.spiking),
  /** `SoftSign(alpha=2.0, spiking=True)`. */
  softSign: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction => sj(softSign(o), o.spiking),
  /** `Erf(alpha=2.0, spiking=True)`. */
  erf: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction => sj(erf(o), o.spiking),
  /** `PiecewiseLeakyReLU(w=1.0, c=0.01, spiking=True)`. */
  piecewiseLeakyReLU: (o: { w?: number; c?: number } & SpikingOption = {}): SpikeFunction =>
    sj(piecewiseLeakyReLU(o), o.spiking),
  /** `QPseudoSpike(alpha=2.0, spiking=True)`. */
  qPseudoSpike: (o: { alpha?: number } & SpikingOption = {}): SpikeFunction => sj(qPseudoSpike(o), o.spiking),
  /** `LeakyKReLU(spiking=True, leak=0.0, k=1.0)`. */
  leakyKReLU: (o: { leak?: number; k?: number } & SpikingOption = {}): SpikeFunction =>
    sj(leakyKReLU(o), o.spiking),
  /** `S2NN(alpha=4.0, beta=1.0, spiking=True)`. */
  s2nn: (o: { alpha?: number; beta?: number } & SpikingOption = {}): SpikeFunction => sj(s2nn(o), o.spiking),
});
