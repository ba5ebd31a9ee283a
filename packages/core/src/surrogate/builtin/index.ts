import type { SurrogateDefinition } from '../definition.js';
import { ATAN } from './atan.js';
import { FAST_SIGMOID } from './fast-sigmoid.js';
import { SIGMOID } from './sigmoid.js';
import { STRAIGHT_THROUGH } from './straight-through.js';
import { SUPERSPIKE } from './superspike.js';
import { TRIANGLE } from './triangle.js';

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
 *
 * superspike and fastSigmoid share a formula; they differ in their customary alpha (100 vs 25).
 */
export const BUILTIN_SURROGATES: readonly SurrogateDefinition[] = [
  SUPERSPIKE,
  ATAN,
  SIGMOID,
  FAST_SIGMOID,
  TRIANGLE,
  STRAIGHT_THROUGH,
];
