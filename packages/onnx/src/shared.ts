// What every entry point exports: the exporter, its options and the predictor's types.
export type { Network, StageInput } from './convert/resolve-stages.js';
export { relu, StepFunction, scale } from './convert/step-functions.js';
export type { DecoderSpec } from './decoders/decoder-plan.js';
export type { EncoderSpec } from './encoders/encoder-stage.js';
export { OnnxExportError, OnnxRuntimeError } from './errors.js';
export { buildModel, type ExportOptions, exportOnnx, IR_VERSION, OPSET } from './export/export-onnx.js';
export { decodeMetadata, type ModelInfo } from './export/metadata.js';
export type { StepStateInfo } from './export/step-graph.js';
export { onnx } from './proto/onnx-proto.js';
export type { OrtModule, OrtSession, OrtTensor } from './runtime/ort-types.js';
export {
  type ModelInput,
  OnnxPredictor,
  type Prediction,
  type PredictorOptions,
  type StepResult,
  type StepState,
} from './runtime/predictor.js';
