import type { SurrogateDefinition } from '../definition.js';
import { ATAN } from './atan.js';
import { ERF } from './erf.js';
import { FAST_SIGMOID } from './fast-sigmoid.js';
import { LEAKY_K_RELU } from './leaky-k-relu.js';
import { PIECEWISE_EXP } from './piecewise-exp.js';
import { PIECEWISE_LEAKY_RELU } from './piecewise-leaky-relu.js';
import { PIECEWISE_QUADRATIC } from './piecewise-quadratic.js';
import { Q_PSEUDO_SPIKE } from './q-pseudo-spike.js';
import { S2NN } from './s2nn.js';
import { SIGMOID } from './sigmoid.js';
import { SOFT_SIGN } from './soft-sign.js';
import { SPIKE_RATE_ESCAPE } from './spike-rate-escape.js';
import { STRAIGHT_THROUGH } from './straight-through.js';
import { SUPERSPIKE } from './superspike.js';
import { TRIANGLE } from './triangle.js';
import { TRIANGULAR } from './triangular.js';

/*
 * Core's surrogates, each defined once in its own file. Adding one here (a file and a line below)
 * makes it available to every neuron, kernel and backend: backends generate their code from the
 * expression, or fall back to core's decomposition.
 *
 * | name            | derivative at x = v - vTh                  | alpha | matches                          |
 * | --------------- | ------------------------------------------ | ----- | -------------------------------- |
 * | superspike      | 1 / (alpha*|x| + 1)^2                      | 100   | Norse method 'super' (SuperSpike)|
 * | atan            | (alpha/2) / (1 + (pi/2 * alpha * x)^2)     | 2     | snnTorch atan (its default),     |
 * |                 |                                            |       | SpikingJelly ATan                |
 * | sigmoid         | alpha * s * (1 - s), s = sigmoid(alpha*x)  | 4     | SpikingJelly Sigmoid (default);  |
 * |                 |                                            |       | snnTorch sigmoid uses 25         |
 * | fastSigmoid     | 1 / (slope*|x| + 1)^2                      | 25    | snnTorch fast_sigmoid            |
 * | triangle        | alpha * max(0, 1 - alpha*|x|)              | 1     | unit-area triangle, half-width   |
 * |                 |                                            |       | 1/alpha (Norse 'tent' shape)     |
 * | straightThrough | 1                                          | -     | snnTorch straight_through_est.   |
 * | triangular      | alpha for x < 0, -alpha for x >= 0         | 1     | snnTorch triangular (threshold)  |
 * | spikeRateEscape | alpha * exp(-beta*|x - 1|), beta 1         | 25    | snnTorch spike_rate_escape       |
 * | piecewise-      | alpha * max(0, 1 - alpha*|x|)              | 1     | SpikingJelly PiecewiseQuadratic  |
 * |   Quadratic     |                                            |       |                                  |
 * | piecewiseExp    | (alpha/2) * exp(-alpha*|x|)                | 1     | SpikingJelly PiecewiseExp        |
 * | softSign        | alpha / (2*(1 + alpha*|x|)^2)              | 2     | SpikingJelly SoftSign            |
 * | erf             | alpha/sqrt(pi) * exp(-(alpha*x)^2)         | 2     | SpikingJelly Erf                 |
 * | piecewise-      | 1/alpha where |x| < alpha, else c (0.01)   | 1     | SpikingJelly PiecewiseLeakyReLU  |
 * |   LeakyReLU     |                                            |       | (alpha = w)                      |
 * | qPseudoSpike    | (1 + 2|x|/(alpha - 1))^-alpha              | 2     | SpikingJelly QPseudoSpike        |
 * | leakyKReLU      | leak (0) for x < 0, alpha for x >= 0       | 1     | SpikingJelly LeakyKReLU (alpha=k)|
 * | s2nn            | x < 0: alpha*s*(1 - s); x >= 0: beta/(x+1) | 4     | SpikingJelly S2NN (beta 1)       |
 *
 * superspike and fastSigmoid share a formula, as do triangle and piecewiseQuadratic; they differ in
 * their customary alpha or name. A second constant (beta, c, leak) other than the library's default
 * makes a surrogate of its own name (variant.ts).
 */
export const BUILTIN_SURROGATES: readonly SurrogateDefinition[] = [
  SUPERSPIKE,
  ATAN,
  SIGMOID,
  FAST_SIGMOID,
  TRIANGLE,
  STRAIGHT_THROUGH,
  TRIANGULAR,
  SPIKE_RATE_ESCAPE,
  PIECEWISE_QUADRATIC,
  PIECEWISE_EXP,
  SOFT_SIGN,
  ERF,
  PIECEWISE_LEAKY_RELU,
  Q_PSEUDO_SPIKE,
  LEAKY_K_RELU,
  S2NN,
];
