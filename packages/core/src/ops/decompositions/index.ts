import type { Decomposition } from '../../engine/kernel-types.js';
import type { OptionalKernelName } from '../../kernels/kernel-signatures.js';
import { adamUpdateDecomposition } from './AdamUpdate.js';
import { conv2dDecomposition } from './Conv2D.js';
import { conv2dBackpropFilterDecomposition } from './Conv2DBackpropFilter.js';
import { conv2dBackpropInputDecomposition } from './Conv2DBackpropInput.js';
import { logSoftmaxDecomposition } from './LogSoftmax.js';
import { maxPoolDecomposition } from './MaxPool.js';
import { maxPoolGradDecomposition } from './MaxPoolGrad.js';
import { sgdUpdateDecomposition } from './SGDUpdate.js';
import { spikeMatMulDecomposition } from './SpikeMatMul.js';

/**
 * Core's decompositions of optional kernels into required ones (the neuron kernels register theirs
 * from `neuron/`). Read lazily by the engine, so this list may be imported in a module cycle.
 */
export const CORE_DECOMPOSITIONS: ReadonlyMap<OptionalKernelName, Decomposition> = new Map<
  OptionalKernelName,
  Decomposition
>([
  ['Conv2D', conv2dDecomposition as Decomposition],
  ['Conv2DBackpropInput', conv2dBackpropInputDecomposition as Decomposition],
  ['Conv2DBackpropFilter', conv2dBackpropFilterDecomposition as Decomposition],
  ['MaxPool', maxPoolDecomposition as Decomposition],
  ['MaxPoolGrad', maxPoolGradDecomposition as Decomposition],
  ['LogSoftmax', logSoftmaxDecomposition as Decomposition],
  ['SpikeMatMul', spikeMatMulDecomposition as Decomposition],
  ['AdamUpdate', adamUpdateDecomposition as Decomposition],
  ['SGDUpdate', sgdUpdateDecomposition as Decomposition],
]);
