import type { GradRule } from '../engine/kernel-types.js';
import { absGrad } from './Abs.grad.js';
import { addGrad } from './Add.grad.js';
import { broadcastToGrad } from './BroadcastTo.grad.js';
import { castGrad } from './Cast.grad.js';
import { concatGrad } from './Concat.grad.js';
import { conv2dGrad } from './Conv2D.grad.js';
import { divGrad } from './Div.grad.js';
import { expGrad } from './Exp.grad.js';
import { floorGrad } from './Floor.grad.js';
import { lifSequenceGrad } from './LIFSequence.grad.js';
import { liSequenceGrad } from './LISequence.grad.js';
import { logGrad } from './Log.grad.js';
import { logSoftmaxGrad } from './LogSoftmax.grad.js';
import { matMulGrad } from './MatMul.grad.js';
import { maxGrad } from './Max.grad.js';
import { maximumGrad } from './Maximum.grad.js';
import { maxPoolGrad } from './MaxPool.grad.js';
import { minimumGrad } from './Minimum.grad.js';
import { mulGrad } from './Mul.grad.js';
import { negGrad } from './Neg.grad.js';
import { padGrad } from './Pad.grad.js';
import { powGrad } from './Pow.grad.js';
import { reciprocalGrad } from './Reciprocal.grad.js';
import { signGrad } from './Sign.grad.js';
import { sliceGrad } from './Slice.grad.js';
import { spikeGrad } from './Spike.grad.js';
import { spikeMatMulGrad } from './SpikeMatMul.grad.js';
import { sqrtGrad } from './Sqrt.grad.js';
import { subGrad } from './Sub.grad.js';
import { sumGrad } from './Sum.grad.js';
import { tanhGrad } from './Tanh.grad.js';
import { transposeGrad } from './Transpose.grad.js';
import { whereGrad } from './Where.grad.js';

/**
 * Core's gradient rules, one per kernel (kernels without one are not differentiable: comparisons,
 * LogicalAnd, ArgMax, OneHot, RandomUniform, the backprop kernels, the optimizer updates). Read lazily
 * by the engine, so this list may be imported in a module cycle.
 */
export const CORE_GRADIENTS: readonly GradRule[] = [
  absGrad as GradRule,
  addGrad as GradRule,
  broadcastToGrad as GradRule,
  castGrad as GradRule,
  concatGrad as GradRule,
  conv2dGrad as GradRule,
  divGrad as GradRule,
  expGrad as GradRule,
  floorGrad as GradRule,
  lifSequenceGrad as GradRule,
  liSequenceGrad as GradRule,
  logGrad as GradRule,
  logSoftmaxGrad as GradRule,
  matMulGrad as GradRule,
  maxGrad as GradRule,
  maxPoolGrad as GradRule,
  maximumGrad as GradRule,
  minimumGrad as GradRule,
  mulGrad as GradRule,
  negGrad as GradRule,
  padGrad as GradRule,
  powGrad as GradRule,
  reciprocalGrad as GradRule,
  signGrad as GradRule,
  sliceGrad as GradRule,
  spikeGrad as GradRule,
  spikeMatMulGrad as GradRule,
  sqrtGrad as GradRule,
  subGrad as GradRule,
  sumGrad as GradRule,
  tanhGrad as GradRule,
  transposeGrad as GradRule,
  whereGrad as GradRule,
];
