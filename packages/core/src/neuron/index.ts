export type { BuiltinSurrogateName, SpikeMethod, SurrogateName } from '../surrogate/resolve.js';
export type { SpikeFunction } from '../surrogate/spike-function.js';
export { type LeakyParameters, leakyStep, type ResetMechanism } from './leaky.js';
export {
  DEFAULT_LI_PARAMETERS,
  type LIParameters,
  type LIState,
  liFeedForwardStep,
  liInitialState,
  liParameters,
  liStep,
} from './li.js';
export { type LISequenceResult, liFeedForwardSequence } from './li-sequence.js';
export {
  DEFAULT_DT,
  DEFAULT_LIF_PARAMETERS,
  type LIFFeedForwardState,
  type LIFParameters,
  type LIFState,
  type LIFStepOptions,
  lifCurrentEncoder,
  lifFeedForwardInitialState,
  lifFeedForwardStep,
  lifInitialState,
  lifParameters,
  lifStep,
} from './lif.js';
export {
  type IFNodeParameters,
  ifNode,
  ifNodeStep,
  type LIFNodeParameters,
  lifNode,
  lifNodeStep,
  type NodeSequence,
} from './lif-node.js';
export {
  type LIFSequenceResult,
  lifFeedForwardSequence,
} from './lif-sequence.js';
export type { Param } from './param.js';
export {
  HOST_ARITH,
  type LICoefficients,
  type LIFCoefficients,
  liCoefficients,
  liForwardStep,
  lifCoefficients,
  lifForwardStep,
  lifGradLocal,
  lifGradStep,
  lifSequence,
  lifSequenceGrad,
  liGradStep,
  liSequence,
  liSequenceGrad,
  type NeuronArith,
  type SequenceArith,
} from './recurrence.js';
export { type SynapticParameters, type SynapticState, synapticStep } from './synaptic.js';
