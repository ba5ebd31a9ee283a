import type { SurrogateName } from '../kernels/kernel-signatures.js';
import { namedSpikeFunction, type SpikeFunction } from './spike-function.js';

/*
 * The named surrogates. Each returns a SpikeFunction: Heaviside forward, the derivative below backward.
 *
 * | factory              | derivative at x = v - vTh                  | default  | matches                          |
 * | -------------------- | ------------------------------------------ | -------- | -------------------------------- |
 * | superspike({alpha})  | 1 / (alpha*|x| + 1)^2                      | 100      | Norse method 'super' (SuperSpike)|
 * | atan({alpha})        | (alpha/2) / (1 + (pi/2 * alpha * x)^2)     | 2        | snnTorch surrogate.atan (its     |
 * |                      |                                            |          | default) = SpikingJelly ATan     |
 * | sigmoid({alpha})     | alpha * s * (1 - s), s = sigmoid(alpha*x)  | 4        | SpikingJelly Sigmoid (its        |
 * |                      |                                            |          | default); snnTorch sigmoid: 25   |
 * | fastSigmoid({slope}) | 1 / (slope*|x| + 1)^2                      | 25       | snnTorch surrogate.fast_sigmoid  |
 * | triangle({alpha})    | alpha * max(0, 1 - alpha*|x|)              | 1        | unit-area triangle, half-width   |
 * |                      |                                            |          | 1/alpha (Norse 'tent' shape)     |
 * | straightThrough()    | 1                                          | -        | snnTorch straight_through_estimator |
 *
 * Threshold convention of the forward step (chosen by the neuron family, see SpikeFunction): Norse and
 * snnTorch fire on x > 0, SpikingJelly on x >= 0.
 */

export interface AlphaOptions {
  alpha?: number;
}

function make(name: SurrogateName, alpha: number | undefined): SpikeFunction {
  return namedSpikeFunction(name, alpha);
}

/** Norse's SuperSpike ('super'): 1 / (alpha*|x| + 1)^2, alpha 100 (Zenke & Ganguli 2018). */
export function superspike(options: AlphaOptions = {}): SpikeFunction {
  return make('superspike', options.alpha);
}

/** Arc-tangent: (alpha/2) / (1 + (pi/2 * alpha * x)^2), alpha 2 (snnTorch default, SpikingJelly ATan). */
export function atan(options: AlphaOptions = {}): SpikeFunction {
  return make('atan', options.alpha);
}

/** Logistic: alpha * s * (1 - s) with s = sigmoid(alpha * x), alpha 4 (SpikingJelly default). */
export function sigmoid(options: AlphaOptions = {}): SpikeFunction {
  return make('sigmoid', options.alpha);
}

/** snnTorch fast sigmoid: 1 / (slope*|x| + 1)^2, slope 25. `alpha` is accepted as a synonym of `slope`. */
export function fastSigmoid(options: { slope?: number; alpha?: number } = {}): SpikeFunction {
  return make('fastSigmoid', options.slope ?? options.alpha);
}

/** Triangle: alpha * max(0, 1 - alpha*|x|), alpha 1 (area 1, half-width 1/alpha). */
export function triangle(options: AlphaOptions = {}): SpikeFunction {
  return make('triangle', options.alpha);
}

/** Straight-through estimator: the incoming gradient passes unchanged (snnTorch). */
export function straightThrough(): SpikeFunction {
  return make('straightThrough', undefined);
}
