// The public API, one export per source file, in path order (biome sorts them): cells, data, decoders,
// errors, io, layers, losses, models, module, optim, random, time, training.
export { Alpha, type AlphaOptions } from './cells/alpha.js';
export { CobaLIFCell } from './cells/coba-lif.js';
export { EIFNode } from './cells/eif-node.js';
export { IAFCell } from './cells/iaf.js';
export { IzhikevichCell, type IzhikevichCellOptions } from './cells/izhikevich.js';
export { IzhikevichNode } from './cells/izhikevich-node.js';
export { KLIFNode } from './cells/klif-node.js';
export { Lapicque, type LapicqueOptions } from './cells/lapicque.js';
export { Leaky, type LeakyOptions } from './cells/leaky.js';
export type { LearnableOptions } from './cells/learnable.js';
export { LICell, type LICellOptions, LILinearCell } from './cells/li.js';
export { LIFCell, type LIFCellOptions, LIFRecurrentCell, type LIFRecurrentCellOptions } from './cells/lif.js';
export { LIFAdExCell } from './cells/lif-adex.js';
export { LIFBoxCell } from './cells/lif-box.js';
export { LIFExCell } from './cells/lif-ex.js';
export { IFNode, LIFNode } from './cells/lif-node.js';
export { LIFRefracCell, type LIFRefracCellOptions } from './cells/lif-refrac.js';
export { LSNNCell } from './cells/lsnn.js';
export { type LearnableKey, NorseCell } from './cells/norse-cell.js';
export { ParametricLIFNode } from './cells/parametric-lif-node.js';
export { QIFNode } from './cells/qif-node.js';
export { RLeaky, type RLeakyOptions } from './cells/rleaky.js';
export { RSynaptic, type RSynapticOptions } from './cells/rsynaptic.js';
export { LI, LIF, type LIFOptions, type LIOptions } from './cells/sequence.js';
export {
  type RecurrentOptions,
  SnnTorchNeuron,
  type SnnTorchNeuronOptions,
} from './cells/snntorch-neuron.js';
export { Synaptic, type SynapticOptions } from './cells/synaptic.js';
export {
  type EpochLoader,
  type ImageBatchesOptions,
  type ImageBatchLike,
  imageBatches,
} from './data/image-batches.js';
export {
  accuracy,
  firingRate,
  lastStep,
  maxLogSoftmax,
  maxOverTime,
  spikeCount,
} from './decoders/decoders.js';
export * from './errors.js';
export { loadSafetensors, saveSafetensors } from './io/module-io.js';
export * from './io/safetensors.js';
export { Conv2d, type Conv2dOptions } from './layers/conv2d.js';
export { Dropout } from './layers/dropout.js';
export { Flatten } from './layers/flatten.js';
export { scaledNormal, uniformFanIn } from './layers/init.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { MaxPool2d } from './layers/max-pool2d.js';
export { Sequential } from './layers/sequential.js';
export { crossEntropy, mseLoss, nllLoss, type Reduction } from './losses/classification.js';
export {
  type FiringRateRegularizerOptions,
  firingRateRegularizer,
  l1RateSparsity,
} from './losses/regularizers.js';
export {
  ceCountLoss,
  ceMaxMembraneLoss,
  ceRateLoss,
  type MseCountLossOptions,
  type MseMembraneLossOptions,
  mseCountLoss,
  mseMembraneLoss,
  type PopulationCodeOptions,
} from './losses/snntorch.js';
export type { Targets } from './losses/targets.js';
export { EncoderSNNDecoder, RecurrentSNN, type RecurrentSNNOptions } from './models/recurrent-snn.js';
export { isExactly, knownAncestor } from './module/exact-class.js';
export { type LoadStateDictResult, Module, type StateDictValue } from './module/module.js';
export { Parameter } from './module/parameter.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { clipGradNorm, computeGradients } from './optim/gradients.js';
export { CosineAnnealingLR, LRScheduler, type SchedulerState, StepLR } from './optim/lr-scheduler.js';
export { Optimizer, type OptimizerStateDict } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export type { RandomStateful } from './random/random-stateful.js';
export { getSeedState, manualSeed, nextSeed, type SeedState, setSeedState } from './random/seed.js';
export {
  CELL,
  type CellModule,
  isCell,
  Lift,
  type Resettable,
  resetNet,
  type StepModule,
  unroll,
} from './time/unroll.js';
export {
  CHECKPOINT_FORMAT,
  type CheckpointOptions,
  type CheckpointParts,
  type CheckpointStore,
  loadCheckpoint,
  memoryCheckpointStore,
  saveCheckpoint,
  type TrainingProgress,
} from './training/checkpoint.js';
export {
  type Batch,
  type BatchProgress,
  type BatchSource,
  type EpochResult,
  evaluate,
  type FitOptions,
  type FitResult,
  fit,
  type MetricsRecord,
  type ModuleOutput,
} from './training/fit.js';
