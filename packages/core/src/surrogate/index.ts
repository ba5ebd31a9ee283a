export type { SurrogateDefinition, SurrogateSpec } from './definition.js';
export { surrogateDerivative, surrogatePrimitive } from './derivatives.js';
export { compileHost, type ExprAlgebra, evaluateExpression } from './evaluate.js';
export type { BinaryOp, CompareOp, Condition, ExprNode, SurrogateExpr, UnaryOp } from './expression.js';
export * as expr from './expression.js';
export {
  type AlphaOptions,
  atan,
  define,
  erf,
  fastSigmoid,
  leakyKReLU,
  piecewiseExp,
  piecewiseLeakyReLU,
  piecewiseQuadratic,
  qPseudoSpike,
  type SurrogateFactory,
  s2nn,
  sigmoid,
  softSign,
  spikeRateEscape,
  straightThrough,
  superspike,
  triangle,
  triangular,
} from './factories.js';
export { type SpikingOption, snntorch, spikingjelly } from './libraries.js';
export {
  getSurrogate,
  hasSurrogateExpression,
  hostSurrogate,
  hostSurrogateArray,
  requireSurrogate,
  surrogateNames,
} from './registry.js';
export {
  type BuiltinSurrogateName,
  fusedSurrogate,
  resolveSpikeFunction,
  type SpikeMethod,
  type SurrogateName,
} from './resolve.js';
export {
  custom,
  heaviside,
  isSpikeFunction,
  namedSpikeFunction,
  primitiveSpikeFunction,
  type SpikeFunction,
} from './spike-function.js';
