import type { SequenceArith } from '@snn/core';
import * as tf from '@tensorflow/tfjs-core';
import { unstackFast } from './slice-fast.js';

/** tfjs ops as the arithmetic of core's neuron recurrences (neuron/recurrence.ts in @snn/core). */
export const TF_ARITH: SequenceArith<tf.Tensor> = {
  add: (a, b) => tf.add(a, b),
  sub: (a, b) => tf.sub(a, b),
  mul: (a, b) => tf.mul(a, b),
  fires: (vd, vTh) => tf.cast(tf.greater(vd, vTh), 'float32'),
  round: (x) => x,
  unstack: (x) => unstackFast(x),
  stack: (xs) => tf.stack(xs),
};
