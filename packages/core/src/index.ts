export * from './backend/kernel-backend.js';
export { createReferenceBackend, ReferenceBackend } from './backend/reference/reference-backend.js';
export * from './engine/api.js';
export type { MemoryInfo } from './engine/engine.js';
export * from './engine/gradients-api.js';
export type {
  Decomposition,
  GradRule,
  GradSaved,
  GradThunks,
  KernelOutput,
  KernelTensors,
  MultiOutputKernelName,
} from './engine/kernel-types.js';
export * from './errors.js';
export { coreInstance, IncompatibleCoreError } from './global/shared-state.js';
export { VERSION } from './global/version.js';
export { sumToShape } from './gradients/reduce-util.js';
export * from './kernels/kernel-signatures.js';
export * from './kernels/shape-utils.js';
export { type TensorMeta, validateKernel } from './kernels/validate.js';
export * from './neuron/index.js';
export * from './ops/index.js';
export { philox4x32_10, uniformFloat32 } from './random/philox.js';
// What a backend needs to run any defined surrogate natively (the set is open).
export type { SurrogateDefinition, SurrogateSpec } from './surrogate/definition.js';
export {
  type ExprAlgebra,
  evaluateExpression,
  HOST_BINARY,
  HOST_COMPARE,
  HOST_UNARY,
} from './surrogate/evaluate.js';
export type {
  BinaryOp as SurrogateBinaryOp,
  CompareOp as SurrogateCompareOp,
  SurrogateExpr,
  UnaryOp as SurrogateUnaryOp,
} from './surrogate/expression.js';
export * as surrogate from './surrogate/index.js';
export {
  defineSurrogate,
  getSurrogate,
  hasSurrogateExpression,
  hostSurrogate,
  hostSurrogateArray,
  requireSurrogate,
  surrogateNames,
} from './surrogate/registry.js';
export { describeTensor, type NestedArray, Tensor } from './tensor/tensor.js';
export * from './tensor/tensor-info.js';
