import type { OptionalKernelName } from '../../../kernels/kernel-signatures.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { Abs } from './Abs.js';
import { AdamUpdate } from './AdamUpdate.js';
import { Conv2D } from './Conv2D.js';
import { Conv2DBackpropFilter } from './Conv2DBackpropFilter.js';
import { Conv2DBackpropInput } from './Conv2DBackpropInput.js';
import { GreaterEqual } from './GreaterEqual.js';
import { LeakySequence } from './LeakySequence.js';
import { Less } from './Less.js';
import { LessEqual } from './LessEqual.js';
import { LIFSequence } from './LIFSequence.js';
import { LIFSequenceGrad } from './LIFSequenceGrad.js';
import { LIFSpikesFromState } from './LIFSpikesFromState.js';
import { LISequence } from './LISequence.js';
import { LISequenceGrad } from './LISequenceGrad.js';
import { LogicalAnd } from './LogicalAnd.js';
import { LogSoftmax } from './LogSoftmax.js';
import { MaxPool } from './MaxPool.js';
import { MaxPoolGrad } from './MaxPoolGrad.js';
import { Minimum } from './Minimum.js';
import { Neg } from './Neg.js';
import { NotEqual } from './NotEqual.js';
import { OneHot } from './OneHot.js';
import { RandomBernoulli } from './RandomBernoulli.js';
import { Reciprocal } from './Reciprocal.js';
import { SGDUpdate } from './SGDUpdate.js';
import { Spike } from './Spike.js';
import { SpikeGrad } from './SpikeGrad.js';
import { SpikeMatMul } from './SpikeMatMul.js';
import { Sub } from './Sub.js';

/**
 * The optional kernels the reference backend implements natively: all but the recurrent LIF layer's
 * (LIFRecurrentSequence and its gradient), which are fusions of the per-step kernels (a speed-up only
 * where dispatch costs): the reference backend runs core's decompositions, the step loop itself, so it
 * stays the yardstick for backends' fused versions.
 */
type ReferenceOptional = Exclude<OptionalKernelName, 'LIFRecurrentSequence' | 'LIFRecurrentSequenceGrad'>;

export const optionalKernels: { readonly [K in ReferenceOptional]: ReferenceKernel<K> } = {
  Sub,
  Minimum,
  NotEqual,
  GreaterEqual,
  Less,
  LessEqual,
  LogicalAnd,
  Neg,
  Abs,
  Reciprocal,
  Spike,
  OneHot,
  Conv2D,
  Conv2DBackpropInput,
  Conv2DBackpropFilter,
  MaxPool,
  MaxPoolGrad,
  LogSoftmax,
  SpikeGrad,
  SpikeMatMul,
  LIFSequence,
  LIFSequenceGrad,
  LIFSpikesFromState,
  LISequence,
  LISequenceGrad,
  LeakySequence,
  RandomBernoulli,
  AdamUpdate,
  SGDUpdate,
};
