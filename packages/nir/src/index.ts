export * from './errors.js';
export { type Cursor, float32Below } from './export/builder.js';
export { NirStepFunction, relu, scale } from './export/step-functions.js';
export { type NirNetwork, type NirPiece, type ToNirOptions, toNir } from './export/to-nir.js';
export {
  type LoadNirWeightsOptions,
  type LoadNirWeightsResult,
  loadNirWeights,
} from './import/load-weights.js';
export {
  type FromNirOptions,
  fromNir,
  NirModel,
  type RunOptions,
  type RunResult,
} from './import/nir-model.js';
export type { Unit } from './import/unit.js';
export { type NirFileContent, readNir } from './io/read-nir.js';
export { NIR_FORMAT_VERSION, writeNir } from './io/write-nir.js';
export * from './ir/graph.js';
export { checkGraph, graphProblems, nodeOutputTypes } from './ir/validate.js';
