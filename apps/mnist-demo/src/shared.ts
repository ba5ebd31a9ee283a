// The app's platform-free pieces (no node:* import anywhere below), for front ends other than the
// CLI: the web app (apps/mnist-web) trains, evaluates and reads/writes checkpoints with these, so a
// network, its input and its checkpoint file are the same in the browser as on the command line.

export { resolveTrainConfig, type TrainConfig } from './cli/train-config.js';
export { CheckpointError, UsageError } from './errors.js';
export { buildNetwork, type NetworkSettings } from './models/build-network.js';
export { batchSeed, type EncodedInput, encodeInput } from './models/input-encoding.js';
export type { PresetNetwork } from './models/network.js';
export { TraceRecorder } from './models/trace-recorder.js';
export { ONNX_META } from './onnx/onnx-meta.js';
export {
  DEFAULT_PRESET,
  ENCODER_NAMES,
  type EncoderName,
  isPresetName,
  PRESET_NAMES,
  PRESETS,
  type Preset,
  type PresetName,
} from './presets.js';
export {
  encodeBatch,
  encodedBatches,
  makeLoader,
  type PixelStats,
  pixelStatsOf,
  pixelsTensor,
  STREAM,
} from './train/batches.js';
export { type StoredRun, storedRunOf, withRun } from './train/checkpoint-format.js';
export { type EvaluateOptions, evaluateRun } from './train/evaluate-run.js';
export { batchAccuracy, createOptimizer, lossAndAccuracy } from './train/metrics.js';
export { networkFromRun } from './train/network-from-run.js';
export { type EpochRecord, epochRecord, type LossRecord, type RunState } from './train/run-record.js';
