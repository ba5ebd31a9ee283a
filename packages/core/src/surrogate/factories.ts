import type { SurrogateSpec } from './definition.js';
import { defineSurrogate } from './registry.js';
import { namedSpikeFunction, type SpikeFunction } from './spike-function.js';

/*
 * Spike functions of the surrogates (formulas, defaults and sources in builtin/index.ts). Each
 * returns a SpikeFunction: Heaviside forward, the surrogate's derivative backward.
 *
 * Threshold convention of the forward step (chosen by the neuron family, see SpikeFunction): Norse and
 * snnTorch fire on x > 0, SpikingJelly on x >= 0.
 */

export interface AlphaOptions {
  alpha?: number;
}

/** A surrogate's spike-function factory, with the definition it runs. */
export type SurrogateFactory = ((options?: AlphaOptions) => SpikeFunction) & {
  readonly surrogateName: string;
};

function factory(name: string): SurrogateFactory {
  const make = (options: AlphaOptions = {}) => namedSpikeFunction(name, options.alpha);
  return Object.assign(make, { surrogateName: name });
}

/**
 * Adds a surrogate to the open set and returns its factory. Every backend runs it: those that
 * generate code from the expression natively, the others through core's decomposition.
 *
 *   const { x, alpha, exp, mul, neg, square } = surrogate.expr;
 *   const gaussian = surrogate.define({
 *     name: 'gaussian', alpha: 1,
 *     derivative: mul(alpha, exp(neg(square(mul(alpha, x))))),
 *   });
 *   lifStep(input, state, { method: gaussian({ alpha: 2 }) }); // or method: 'gaussian'
 */
export function define(spec: SurrogateSpec): SurrogateFactory {
  return factory(defineSurrogate(spec).name);
}

/** Norse's SuperSpike ('super'): 1 / (alpha*|x| + 1)^2, alpha 100 (Zenke & Ganguli 2018). */
export const superspike: SurrogateFactory = factory('superspike');

/** Arc-tangent: (alpha/2) / (1 + (pi/2 * alpha * x)^2), alpha 2 (snnTorch default, SpikingJelly ATan). */
export const atan: SurrogateFactory = factory('atan');

/** Logistic: alpha * s * (1 - s) with s = sigmoid(alpha * x), alpha 4 (SpikingJelly default). */
export const sigmoid: SurrogateFactory = factory('sigmoid');

/** snnTorch fast sigmoid: 1 / (slope*|x| + 1)^2, slope 25. `alpha` is accepted as a synonym of `slope`. */
export function fastSigmoid(options: { slope?: number; alpha?: number } = {}): SpikeFunction {
  return namedSpikeFunction('fastSigmoid', options.slope ?? options.alpha);
}

/** Triangle: alpha * max(0, 1 - alpha*|x|), alpha 1 (area 1, half-width 1/alpha). */
export const triangle: SurrogateFactory = factory('triangle');

/** Straight-through estimator: the incoming gradient passes unchanged (snnTorch). */
export function straightThrough(): SpikeFunction {
  return namedSpikeFunction('straightThrough');
}
