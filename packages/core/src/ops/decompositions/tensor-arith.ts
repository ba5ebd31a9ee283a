import type { SequenceArith } from '../../neuron/recurrence.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../binary.js';
import { stack, unstack } from '../movement.js';
import { spike } from '../unary.js';

/** Core ops as the arithmetic of the neuron recurrences (neuron/recurrence.ts): the decompositions. */
export const TENSOR_ARITH: SequenceArith<Tensor> = {
  add,
  sub,
  mul,
  // Fires on vd - vTh > 0 (Norse's convention); the spike's gradient is the gradient rule's job.
  fires: (vd, vTh) => spike(sub(vd, vTh)),
  round: (x) => x,
  unstack: (x) => unstack(x, 0),
  stack: (xs) => stack(xs, 0),
};
