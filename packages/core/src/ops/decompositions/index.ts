import type { Decomposition } from '../../engine/kernel-types.js';
import type { OptionalKernelName } from '../../kernels/kernel-signatures.js';
import { adamUpdateDecomposition } from './AdamUpdate.js';
import { conv2dDecomposition } from './Conv2D.js';
import { conv2dBackpropFilterDecomposition } from './Conv2DBackpropFilter.js';
import { conv2dBackpropInputDecomposition } from './Conv2DBackpropInput.js';
import {
  absDecomposition,
  greaterEqualDecomposition,
  lessDecomposition,
  lessEqualDecomposition,
  logicalAndDecomposition,
  minimumDecomposition,
  negDecomposition,
  notEqualDecomposition,
  oneHotDecomposition,
  reciprocalDecomposition,
  spikeDecomposition,
  subDecomposition,
} from './elementwise.js';
import { leakySequenceDecomposition } from './LeakySequence.js';
import {
  lifRecurrentSequenceDecomposition,
  lifRecurrentSequenceGradDecomposition,
} from './LIFRecurrentSequence.js';
import { lifSequenceDecomposition } from './LIFSequence.js';
import { lifSequenceGradDecomposition } from './LIFSequenceGrad.js';
import { lifSpikesFromStateDecomposition } from './LIFSpikesFromState.js';
import { liSequenceDecomposition } from './LISequence.js';
import { liSequenceGradDecomposition } from './LISequenceGrad.js';
import { logSoftmaxDecomposition } from './LogSoftmax.js';
import { maxPoolDecomposition } from './MaxPool.js';
import { maxPoolGradDecomposition } from './MaxPoolGrad.js';
import { randomBernoulliDecomposition } from './RandomBernoulli.js';
import { sgdUpdateDecomposition } from './SGDUpdate.js';
import { spikeGradDecomposition } from './SpikeGrad.js';
import { spikeMatMulDecomposition } from './SpikeMatMul.js';

/**
 * Core's decompositions of optional kernels into required ones (one for every optional kernel),
 * installed with core's gradient rules before any kernel runs. Read lazily by the engine, so this
 * list may be imported in a module cycle.
 */
export const CORE_DECOMPOSITIONS: ReadonlyMap<OptionalKernelName, Decomposition> = new Map<
  OptionalKernelName,
  Decomposition
>([
  ['Sub', subDecomposition as Decomposition],
  ['Minimum', minimumDecomposition as Decomposition],
  ['NotEqual', notEqualDecomposition as Decomposition],
  ['GreaterEqual', greaterEqualDecomposition as Decomposition],
  ['Less', lessDecomposition as Decomposition],
  ['LessEqual', lessEqualDecomposition as Decomposition],
  ['LogicalAnd', logicalAndDecomposition as Decomposition],
  ['Neg', negDecomposition as Decomposition],
  ['Abs', absDecomposition as Decomposition],
  ['Reciprocal', reciprocalDecomposition as Decomposition],
  ['Spike', spikeDecomposition as Decomposition],
  ['OneHot', oneHotDecomposition as Decomposition],
  ['Conv2D', conv2dDecomposition as Decomposition],
  ['Conv2DBackpropInput', conv2dBackpropInputDecomposition as Decomposition],
  ['Conv2DBackpropFilter', conv2dBackpropFilterDecomposition as Decomposition],
  ['MaxPool', maxPoolDecomposition as Decomposition],
  ['MaxPoolGrad', maxPoolGradDecomposition as Decomposition],
  ['LogSoftmax', logSoftmaxDecomposition as Decomposition],
  ['SpikeMatMul', spikeMatMulDecomposition as Decomposition],
  ['SpikeGrad', spikeGradDecomposition as Decomposition],
  ['LIFSequence', lifSequenceDecomposition as Decomposition],
  ['LIFSequenceGrad', lifSequenceGradDecomposition as Decomposition],
  ['LIFSpikesFromState', lifSpikesFromStateDecomposition as Decomposition],
  ['LIFRecurrentSequence', lifRecurrentSequenceDecomposition as Decomposition],
  ['LIFRecurrentSequenceGrad', lifRecurrentSequenceGradDecomposition as Decomposition],
  ['LISequence', liSequenceDecomposition as Decomposition],
  ['LISequenceGrad', liSequenceGradDecomposition as Decomposition],
  ['LeakySequence', leakySequenceDecomposition as Decomposition],
  ['RandomBernoulli', randomBernoulliDecomposition as Decomposition],
  ['AdamUpdate', adamUpdateDecomposition as Decomposition],
  ['SGDUpdate', sgdUpdateDecomposition as Decomposition],
]);
