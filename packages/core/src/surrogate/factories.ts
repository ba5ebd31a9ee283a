import { ArgumentError } from '../errors.js';
import { LEAKY_K_RELU_LEAK, leakyKReLUSpec } from './builtin/leaky-k-relu.js';
import { PIECEWISE_LEAKY_RELU_C, piecewiseLeakyReLUSpec } from './builtin/piecewise-leaky-relu.js';
import { S2NN_BETA, s2nnSpec } from './builtin/s2nn.js';
import { SPIKE_RATE_ESCAPE_BETA, spikeRateEscapeSpec } from './builtin/spike-rate-escape.js';
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

/**
 * Options of a surrogate factory (`surrogate.atan({ alpha: 2 })`).
 *
 * @example
 * ```ts
 * const input = ones([8, 28]); // [batch, inputs]
 * const w = randomUniform([100, 28], { seed: 1 }); // [hidden, inputs]
 * const r = randomUniform([100, 100], { seed: 2 }); // [hidden, hidden]
 * const state = null; // zeros
 * lifStep(input, state, w, r, { method: surrogate.atan({ alpha: 2 }) }); // snnTorch: surrogate.atan(alpha=2)
 * ```
 */
export interface AlphaOptions {
  /** The surrogate's sharpness (its derivative's scale); default the surrogate's own (e.g. atan 2, superspike 100). */
  alpha?: number;
}

/** A surrogate's spike-function factory, with the definition it runs. */
export type SurrogateFactory = ((options?: AlphaOptions) => SpikeFunction) & {
  /** The registered name the factory's spike functions use (`'atan'`; also valid as a `method` string). */
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
 * @param spec - name, alpha (the default sharpness), derivative (a `surrogate.expr` expression of x =
 *   v - vTh and alpha) or ops, and optionally primitive, host, alphaAbove and matches.
 * @example
 * ```ts
 * const { x, alpha, exp, mul, neg, square } = surrogate.expr;
 * const gaussian = surrogate.define({
 *   name: 'gaussian',
 *   alpha: 1,
 *   derivative: mul(alpha, exp(neg(square(mul(alpha, x))))), // alpha e^(-(alpha x)^2)
 * });
 * const [z, state] = lifFeedForwardStep(tensor([[2]]), null, { method: gaussian({ alpha: 2 }) }); // or 'gaussian'
 * const g = grad((u: Tensor) => sum(gaussian()(u)))(tensor([0, 1])); // [1, e^-1]
 * ```
 */
export function define(spec: SurrogateSpec): SurrogateFactory {
  return factory(defineSurrogate(spec).name);
}

/**
 * Norse's SuperSpike ('super'): 1 / (alpha*|x| + 1)^2, alpha 100 (Zenke & Ganguli 2018).
 *
 * @example
 * ```ts
 * // Norse: LIFParameters(method='super', alpha=100.0)
 * const spikeFn = surrogate.superspike({ alpha: 100 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.0004, 1, 0.0004]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const superspike: SurrogateFactory = factory('superspike');

/**
 * Arc-tangent: (alpha/2) / (1 + (pi/2 * alpha * x)^2), alpha 2 (snnTorch default, SpikingJelly ATan).
 *
 * @example
 * ```ts
 * // snnTorch: surrogate.atan(alpha=2.0); SpikingJelly: surrogate.ATan(alpha=2.0)
 * const spikeFn = surrogate.atan({ alpha: 2 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.2884, 1, 0.2884]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const atan: SurrogateFactory = factory('atan');

/**
 * Logistic: alpha * s * (1 - s) with s = sigmoid(alpha * x), alpha 4 (SpikingJelly default).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.Sigmoid(alpha=4.0)
 * const spikeFn = surrogate.sigmoid({ alpha: 4 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.42, 1, 0.42]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const sigmoid: SurrogateFactory = factory('sigmoid');

/**
 * snnTorch fast sigmoid: 1 / (slope*|x| + 1)^2, slope 25. `alpha` is accepted as a synonym of `slope`.
 *
 * @example
 * ```ts
 * // snnTorch: surrogate.fast_sigmoid(slope=25)
 * const spikeFn = surrogate.fastSigmoid({ slope: 25 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.0055, 1, 0.0055]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function fastSigmoid(options: { slope?: number; alpha?: number } = {}): SpikeFunction {
  return namedSpikeFunction('fastSigmoid', options.slope ?? options.alpha);
}

/**
 * Triangle: alpha * max(0, 1 - alpha*|x|), alpha 1 (area 1, half-width 1/alpha).
 *
 * @example
 * ```ts
 * // Norse: LIFParameters(method='triangle')
 * const spikeFn = surrogate.triangle({ alpha: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.5, 1, 0.5]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const triangle: SurrogateFactory = factory('triangle');

/**
 * Straight-through estimator: the incoming gradient passes unchanged (snnTorch).
 *
 * @example
 * ```ts
 * // snnTorch: surrogate.straight_through_estimator()
 * const spikeFn = surrogate.straightThrough();
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [1, 1, 1]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function straightThrough(): SpikeFunction {
  return namedSpikeFunction('straightThrough');
}

/**
 * snnTorch `triangular(threshold)`: +threshold for x < 0, -threshold for x >= 0 (snnTorch's backward as is).
 *
 * @example
 * ```ts
 * // snnTorch: surrogate.triangular(threshold=1)
 * const spikeFn = surrogate.triangular({ threshold: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [1, -1, -1]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function triangular(options: { threshold?: number; alpha?: number } = {}): SpikeFunction {
  return namedSpikeFunction('triangular', options.threshold ?? options.alpha);
}

/** The surrogate name for a second constant: the built-in one for the default, else its variant (defined once). */
function variant(
  spec: (c: number) => SurrogateSpec,
  value: number,
  defaultValue: number,
  what: string,
): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ArgumentError(`surrogate.${what} must be a finite number, got ${String(value)}`);
  }
  return value === defaultValue ? spec(defaultValue).name : defineSurrogate(spec(value)).name;
}

/**
 * snnTorch `spike_rate_escape(beta=1, slope=25)`: slope * exp(-beta*|x - 1|).
 *
 * @example
 * ```ts
 * // snnTorch: surrogate.spike_rate_escape(beta=1, slope=25)
 * const spikeFn = surrogate.spikeRateEscape({ beta: 1, slope: 25 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [5.5783, 9.197, 15.1633]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function spikeRateEscape(options: { beta?: number; slope?: number } = {}): SpikeFunction {
  const name = variant(
    spikeRateEscapeSpec,
    options.beta ?? SPIKE_RATE_ESCAPE_BETA,
    SPIKE_RATE_ESCAPE_BETA,
    'spikeRateEscape: beta',
  );
  return namedSpikeFunction(name, options.slope);
}

/**
 * SpikingJelly `PiecewiseQuadratic(alpha=1)`: alpha * max(0, 1 - alpha*|x|) (the triangle).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.PiecewiseQuadratic(alpha=1.0)
 * const spikeFn = surrogate.piecewiseQuadratic({ alpha: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.5, 1, 0.5]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const piecewiseQuadratic: SurrogateFactory = factory('piecewiseQuadratic');

/**
 * SpikingJelly `PiecewiseExp(alpha=1)`: (alpha/2) * exp(-alpha*|x|).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.PiecewiseExp(alpha=1.0)
 * const spikeFn = surrogate.piecewiseExp({ alpha: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.3033, 0.5, 0.3033]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const piecewiseExp: SurrogateFactory = factory('piecewiseExp');

/**
 * SpikingJelly `SoftSign(alpha=2)`: alpha / (2*(1 + alpha*|x|)^2).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.SoftSign(alpha=2.0)
 * const spikeFn = surrogate.softSign({ alpha: 2 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.25, 1, 0.25]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const softSign: SurrogateFactory = factory('softSign');

/**
 * SpikingJelly `Erf(alpha=2)`: alpha/sqrt(pi) * exp(-(alpha*x)^2).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.Erf(alpha=2.0)
 * const spikeFn = surrogate.erf({ alpha: 2 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.4151, 1.1284, 0.4151]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const erf: SurrogateFactory = factory('erf');

/**
 * SpikingJelly `PiecewiseLeakyReLU(w=1, c=0.01)`: 1/w where |x| < w, c elsewhere.
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.PiecewiseLeakyReLU(w=1, c=0.01)
 * const spikeFn = surrogate.piecewiseLeakyReLU({ w: 1, c: 0.01 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [1, 1, 1]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function piecewiseLeakyReLU(options: { w?: number; c?: number } = {}): SpikeFunction {
  const name = variant(
    piecewiseLeakyReLUSpec,
    options.c ?? PIECEWISE_LEAKY_RELU_C,
    PIECEWISE_LEAKY_RELU_C,
    'piecewiseLeakyReLU: c',
  );
  return namedSpikeFunction(name, options.w);
}

/**
 * SpikingJelly `QPseudoSpike(alpha=2)`: (1 + 2|x|/(alpha - 1))^-alpha; alpha must be > 1.
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.QPseudoSpike(alpha=2.0)
 * const spikeFn = surrogate.qPseudoSpike({ alpha: 2 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.25, 1, 0.25]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export const qPseudoSpike: SurrogateFactory = factory('qPseudoSpike');

/**
 * SpikingJelly `LeakyKReLU(leak=0, k=1)`: leak for x < 0, k for x >= 0.
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.LeakyKReLU(leak=0.0, k=1.0)
 * const spikeFn = surrogate.leakyKReLU({ leak: 0, k: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0, 1, 1]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function leakyKReLU(options: { leak?: number; k?: number } = {}): SpikeFunction {
  const name = variant(
    leakyKReLUSpec,
    options.leak ?? LEAKY_K_RELU_LEAK,
    LEAKY_K_RELU_LEAK,
    'leakyKReLU: leak',
  );
  return namedSpikeFunction(name, options.k);
}

/**
 * SpikingJelly `S2NN(alpha=4, beta=1)`: x < 0: alpha*s*(1 - s), s = sigmoid(alpha*x); x >= 0: beta/(x + 1).
 *
 * @example
 * ```ts
 * // SpikingJelly: surrogate.S2NN(alpha=4.0, beta=1.0)
 * const spikeFn = surrogate.s2nn({ alpha: 4, beta: 1 });
 * const x = tensor([-0.5, 0, 0.5]); // membrane minus threshold
 * console.log(spikeFn(x).dataSync()); // [0, 0, 1]: Heaviside forward
 * console.log(grad((u) => sum(spikeFn(u)))(x).dataSync()); // [0.42, 1, 0.6667]: the surrogate's backward
 * const [spk, mem] = leakyStep(x, null, { beta: 0.9, spikeGrad: spikeFn }); // or method: spikeFn in LIF
 * ```
 */
export function s2nn(options: { alpha?: number; beta?: number } = {}): SpikeFunction {
  const name = variant(s2nnSpec, options.beta ?? S2NN_BETA, S2NN_BETA, 's2nn: beta');
  return namedSpikeFunction(name, options.alpha);
}
