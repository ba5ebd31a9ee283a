export {
  fusedLifLiLoss,
  fusedLifLiLossAndGrads,
  lifLikeLoss,
  lifLikeLossAndGrads,
  lifLikeProblem,
} from './backend-workloads.js';
export type { KernelCase, TensorSpec } from './case-types.js';
export { conformanceCases } from './cases/index.js';
export { PROBE_SURROGATE } from './cases/probe-surrogate.js';
export { type ConformanceOptions, type ConformanceTestApi, describeConformance } from './conformance.js';
export {
  expectClose,
  expectRelative,
  expectSpikes,
  fixtureTensor,
  flat,
  loadReferenceFixture,
  type Nested,
  REFERENCE_DIR_ENV,
  type ReferenceFixture,
  referenceDir,
  shapeOf,
} from './fixtures.js';
export {
  checkDecomposition,
  checkGradients,
  type DecompositionCheck,
  type GradCheckOptions,
  type GradCheckResult,
} from './grad-check.js';
export { compareFusedLifWithStepLoop, type FusedVsStepLoop } from './lif-fused-vs-loop.js';
export { runKernelCase } from './run-case.js';
export { typedValues, writeTensorInfo } from './write-tensor.js';
export { ZOO_FIXTURE_CASES } from './zoo-fixture-cases.js';
export {
  checkZooFixture,
  type FixtureKeyError,
  flattenFixtureOutputs,
  type LossSpec,
  NORSE_LOSS,
  SNNTORCH_LOSS,
  SPIKINGJELLY_LOSS,
  trace,
  withLoss,
  type ZooFixture,
  type ZooFixtureCase,
} from './zoo-fixture-check.js';
