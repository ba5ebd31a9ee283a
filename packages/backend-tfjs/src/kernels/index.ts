import type { KernelName, KernelTable } from '@snn/core';
import type { TfKernel, TfKernelContext } from '../kernel-context.js';
import type { TfBackendKind } from '../tf-runtime.js';
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
import { Less } from './Less.js';
import { LessEqual } from './LessEqual.js';
import { LIFSequence } from './LIFSequence.js';
import { LIFSequenceGrad } from './LIFSequenceGrad.js';
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

type TfKernelTable = { readonly [K in KernelName]?: TfKernel<K> };

/** Every kernel this backend implements natively; core decomposes the optional ones missing here. */
export const TF_KERNELS: TfKernelTable = {
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Maximum,
  Minimum,
  Equal,
  NotEqual,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  LogicalAnd,
  Neg,
  Abs,
  Exp,
  Log,
  Sqrt,
  Reciprocal,
  Sign,
  Floor,
  Tanh,
  Where,
  Cast,
  Spike,
  Sum,
  Max,
  ArgMax,
  MatMul,
  Transpose,
  Slice,
  Concat,
  Pad,
  BroadcastTo,
  OneHot,
  RandomUniform,
  // Optional kernels.
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
  LISequence,
  LISequenceGrad,
  AdamUpdate,
  SGDUpdate,
};

/**
 * Kernels left to core's decomposition on one tfjs backend because tfjs's own kernel is wrong there
 * and we have no replacement. None at present: tfjs-wasm 4.22's MaxPoolGrad (which drops the gradient
 * of every window below the first row of windows) is replaced by a host loop (max-pool-grad-host.ts).
 */
export const TF_KERNELS_EXCLUDED: Readonly<Record<TfBackendKind, readonly KernelName[]>> = {
  wasm: [],
  cpu: [],
  node: [],
};

/** Binds each kernel to a backend's context, giving the KernelTable core calls. */
export function buildKernelTable(ctx: TfKernelContext): KernelTable {
  const table: Record<string, unknown> = {};
  const excluded = TF_KERNELS_EXCLUDED[ctx.tfBackend];
  for (const [name, kernel] of Object.entries(TF_KERNELS) as [KernelName, TfKernel<KernelName>][]) {
    if (excluded.includes(name)) continue;
    table[name] = (inputs: never, attrs: never) => kernel(ctx, inputs, attrs);
  }
  return table as KernelTable;
}
