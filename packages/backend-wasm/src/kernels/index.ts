import type { KernelName } from '@snn/core';
import { Abs } from './Abs.js';
import { AdamUpdate } from './AdamUpdate.js';
import { Add } from './Add.js';
import { ArgMax } from './ArgMax.js';
import { BroadcastTo } from './BroadcastTo.js';
import { Cast } from './Cast.js';
import { Concat } from './Concat.js';
import { Conv2D } from './Conv2D.js';
import { Conv2DBackpropFilter } from './Conv2DBackpropFilter.js';
import { Conv2DBackpropInput } from './Conv2DBackpropInput.js';
import { Div } from './Div.js';
import { Equal } from './Equal.js';
import { Exp } from './Exp.js';
import { Floor } from './Floor.js';
import { Greater } from './Greater.js';
import { GreaterEqual } from './GreaterEqual.js';
import type { WasmKernel } from './kernel.js';
import { LeakySequence } from './LeakySequence.js';
import { Less } from './Less.js';
import { LessEqual } from './LessEqual.js';
import { LIFRecurrentSequence } from './LIFRecurrentSequence.js';
import { LIFRecurrentSequenceGrad } from './LIFRecurrentSequenceGrad.js';
import { LIFSequence } from './LIFSequence.js';
import { LIFSequenceGrad } from './LIFSequenceGrad.js';
import { LIFSpikesFromState } from './LIFSpikesFromState.js';
import { LISequence } from './LISequence.js';
import { LISequenceGrad } from './LISequenceGrad.js';
import { Log } from './Log.js';
import { LogicalAnd } from './LogicalAnd.js';
import { LogSoftmax } from './LogSoftmax.js';
import { MatMul } from './MatMul.js';
import { Max } from './Max.js';
import { Maximum } from './Maximum.js';
import { MaxPool } from './MaxPool.js';
import { MaxPoolGrad } from './MaxPoolGrad.js';
import { Minimum } from './Minimum.js';
import { Mul } from './Mul.js';
import { Neg } from './Neg.js';
import { NotEqual } from './NotEqual.js';
import { OneHot } from './OneHot.js';
import { Pad } from './Pad.js';
import { Pow } from './Pow.js';
import { RandomBernoulli } from './RandomBernoulli.js';
import { RandomUniform } from './RandomUniform.js';
import { Reciprocal } from './Reciprocal.js';
import { SGDUpdate } from './SGDUpdate.js';
import { Sign } from './Sign.js';
import { Slice } from './Slice.js';
import { Spike } from './Spike.js';
import { SpikeGrad } from './SpikeGrad.js';
import { SpikeMatMul } from './SpikeMatMul.js';
import { Sqrt } from './Sqrt.js';
import { Sub } from './Sub.js';
import { Sum } from './Sum.js';
import { Tanh } from './Tanh.js';
import { Transpose } from './Transpose.js';
import { Where } from './Where.js';

/** Every kernel of this backend: all required ones and all optional ones of core's vocabulary. */
export const WASM_KERNELS: { readonly [K in KernelName]: WasmKernel<K> } = {
  Abs,
  AdamUpdate,
  Add,
  ArgMax,
  BroadcastTo,
  Cast,
  Concat,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  Div,
  Equal,
  Exp,
  Floor,
  Greater,
  GreaterEqual,
  LIFRecurrentSequence,
  LIFRecurrentSequenceGrad,
  LIFSequence,
  LIFSequenceGrad,
  LIFSpikesFromState,
  LISequence,
  LISequenceGrad,
  LeakySequence,
  RandomBernoulli,
  Less,
  LessEqual,
  Log,
  LogSoftmax,
  LogicalAnd,
  MatMul,
  Max,
  MaxPool,
  MaxPoolGrad,
  Maximum,
  Minimum,
  Mul,
  Neg,
  NotEqual,
  OneHot,
  Pad,
  Pow,
  RandomUniform,
  Reciprocal,
  SGDUpdate,
  Sign,
  Slice,
  Spike,
  SpikeGrad,
  SpikeMatMul,
  Sqrt,
  Sub,
  Sum,
  Tanh,
  Transpose,
  Where,
};
