import { Abs } from './Abs.js';
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
import { GreaterEqual } from './GreaterEqual.js';
import { Less } from './Less.js';
import { LessEqual } from './LessEqual.js';
import { Log } from './Log.js';
import { LogicalAnd } from './LogicalAnd.js';
import { MatMul } from './MatMul.js';
import { Max } from './Max.js';
import { Maximum } from './Maximum.js';
import { Minimum } from './Minimum.js';
import { Mul } from './Mul.js';
import { Neg } from './Neg.js';
import { NotEqual } from './NotEqual.js';
import { OneHot } from './OneHot.js';
import { Pad } from './Pad.js';
import { Pow } from './Pow.js';
import { RandomUniform } from './RandomUniform.js';
import { Reciprocal } from './Reciprocal.js';
import { Sign } from './Sign.js';
import { Slice } from './Slice.js';
import { Spike } from './Spike.js';
import { Sqrt } from './Sqrt.js';
import { Sub } from './Sub.js';
import { Sum } from './Sum.js';
import { Tanh } from './Tanh.js';
import { Transpose } from './Transpose.js';
import { Where } from './Where.js';

/** Every kernel this backend implements natively (core decomposes the optional ones it lacks). */
export const KERNELS = {
  Abs,
  Add,
  ArgMax,
  BroadcastTo,
  Cast,
  Concat,
  Div,
  Equal,
  Exp,
  Floor,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  Log,
  LogicalAnd,
  MatMul,
  Max,
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
  Sign,
  Slice,
  Spike,
  Sqrt,
  Sub,
  Sum,
  Tanh,
  Transpose,
  Where,
};
