export { surrogateDerivative } from './derivatives.js';
export {
  type AlphaOptions,
  atan,
  fastSigmoid,
  sigmoid,
  straightThrough,
  superspike,
  triangle,
} from './factories.js';
export { fusedSurrogate, resolveSpikeFunction, type SpikeMethod } from './resolve.js';
export {
  custom,
  heaviside,
  isSpikeFunction,
  namedSpikeFunction,
  type SpikeFunction,
} from './spike-function.js';
