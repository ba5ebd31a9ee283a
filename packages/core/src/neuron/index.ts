export type { BuiltinSurrogateName, SpikeMethod, SurrogateName } from '../surrogate/resolve.js';
export type { SpikeFunction } from '../surrogate/spike-function.js';
// The neuron zoo (issue 15): one file per neuron, named by neuron.
export { type AlphaParameters, type AlphaState, alphaStep } from './alpha.js';
export {
  type CobaLIFFeedForwardState,
  type CobaLIFParameters,
  cobaLIFFeedForwardStep,
  cobaLIFInitialState,
  cobaLIFParameters,
  DEFAULT_COBA_LIF_PARAMETERS,
} from './coba-lif.js';
export { type EIFNodeParameters, eifNode, eifNodeStep } from './eif-node.js';
export {
  DEFAULT_IAF_PARAMETERS,
  type IAFFeedForwardState,
  type IAFParameters,
  iafFeedForwardStep,
  iafInitialState,
  iafParameters,
} from './iaf.js';
export {
  IZHIKEVICH_BEHAVIORS,
  type IzhikevichBehavior,
  type IzhikevichBehaviorName,
  type IzhikevichParameters,
  type IzhikevichState,
  izhikevichBehavior,
  izhikevichFeedForwardStep,
  izhikevichInitialState,
  izhikevichParameters,
} from './izhikevich.js';
export {
  type IzhikevichNodeParameters,
  type IzhikevichNodeSequence,
  type IzhikevichNodeState,
  izhikevichNode,
  izhikevichNodeStep,
} from './izhikevich-node.js';
export { type KLIFNodeParameters, klifNode, klifNodeStep } from './klif-node.js';
export {
  type LapicqueOptions,
  type LapicqueParameters,
  lapicqueParameters,
  lapicqueStep,
} from './lapicque.js';
export { type LeakyParameters, leakyStep, type ResetMechanism } from './leaky.js';
export { type LeakySequenceResult, leakySequence } from './leaky-sequence.js';
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
  lifRecurrentStep,
  lifStep,
} from './lif.js';
export {
  DEFAULT_LIF_ADEX_PARAMETERS,
  type LIFAdExFeedForwardState,
  type LIFAdExParameters,
  lifAdExFeedForwardStep,
  lifAdExInitialState,
  lifAdExParameters,
} from './lif-adex.js';
export {
  DEFAULT_LIF_BOX_PARAMETERS,
  type LIFBoxFeedForwardState,
  type LIFBoxParameters,
  lifBoxFeedForwardStep,
  lifBoxInitialState,
  lifBoxParameters,
} from './lif-box.js';
export {
  DEFAULT_LIF_EX_PARAMETERS,
  type LIFExFeedForwardState,
  type LIFExParameters,
  lifExFeedForwardStep,
  lifExInitialState,
  lifExParameters,
} from './lif-ex.js';
export {
  type IFNodeParameters,
  ifNode,
  ifNodeStep,
  type LIFNodeParameters,
  lifNode,
  lifNodeStep,
  type NodeSequence,
} from './lif-node.js';
export { lifRecurrentSpikes } from './lif-recurrent-sequence.js';
export {
  DEFAULT_LIF_REFRAC_PARAMETERS,
  type LIFRefracFeedForwardState,
  type LIFRefracParameters,
  lifRefracFeedForwardStep,
  lifRefracInitialState,
  lifRefracParameters,
} from './lif-refrac.js';
export {
  type LIFSequenceResult,
  lifFeedForwardSequence,
  lifFeedForwardSpikes,
  lifFeedForwardSpikesFromState,
} from './lif-sequence.js';
export {
  DEFAULT_LSNN_PARAMETERS,
  type LSNNFeedForwardState,
  type LSNNParameters,
  lsnnFeedForwardStep,
  lsnnInitialState,
  lsnnParameters,
} from './lsnn.js';
export type { Param } from './param.js';
export {
  type ParametricLIFNodeParameters,
  parametricLIFNode,
  parametricLIFNodeStep,
  parametricLIFNodeW,
} from './parametric-lif-node.js';
export { type QIFNodeParameters, qifNode, qifNodeStep } from './qif-node.js';
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
export {
  type RecurrentConnection,
  type RLeakyParameters,
  type RLeakyState,
  rleakyStep,
} from './rleaky.js';
export { type RSynapticParameters, type RSynapticState, rsynapticStep } from './rsynaptic.js';
export { type SynapticParameters, type SynapticState, synapticStep } from './synaptic.js';
