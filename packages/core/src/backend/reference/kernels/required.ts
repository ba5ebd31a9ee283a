import type { RequiredKernelName } from '../../../kernels/kernel-signatures.js';
import type { ReferenceKernel } from '../reference-kernel.js';
import { Add } from './Add.js';
import { ArgMax } from './ArgMax.js';
import { BroadcastTo } from './BroadcastTo.js';
import { Cast } from './Cast.js';
import { Concat } from './Concat.js';
import { Div } from './Div.js';
import { Equal } from './Equal.js';
import { Exp } from './Exp.js';
import { Floor } from './Floor.js';
import { Greater } from './Greater.js';
import { Log } from './Log.js';
import { MatMul } from './MatMul.js';
import { Max } from './Max.js';
import { Maximum } from './Maximum.js';
import { Mul } from './Mul.js';
import { Pad } from './Pad.js';
import { Pow } from './Pow.js';
import { RandomUniform } from './RandomUniform.js';
import { Sign } from './Sign.js';
import { Slice } from './Slice.js';
import { Sqrt } from './Sqrt.js';
import { Sum } from './Sum.js';
import { Tanh } from './Tanh.js';
import { Transpose } from './Transpose.js';
import { Where } from './Where.js';

/** Every required kernel of the reference backend. */
export const requiredKernels: { readonly [K in RequiredKernelName]: ReferenceKernel<K> } = {
  Add,
  Mul,
  Div,
  Pow,
  Maximum,
  Equal,
  Greater,
  Exp,
  Log,
  Sqrt,
  Sign,
  Floor,
  Tanh,
  Where,
  Cast,
  Sum,
  Max,
  ArgMax,
  MatMul,
  Transpose,
  Slice,
  Concat,
  Pad,
  BroadcastTo,
  RandomUniform,
};
