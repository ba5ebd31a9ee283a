import type { GradRule } from '../engine/kernel-types.js';
import { mul, sub } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { exp } from '../ops/unary.js';

/** dx = dy - softmax(x) * sum(dy) along the axis; softmax is exp of the saved output. */
export const logSoftmaxGrad: GradRule<'LogSoftmax'> = {
  kernelName: 'LogSoftmax',
  gradFunc: (dy, { outputs: [y] }, { axis }) => ({
    x: () => sub(dy, mul(exp(y), sum(dy, axis, true))),
  }),
};
