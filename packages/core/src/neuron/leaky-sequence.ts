import { hasKernel, runKernel } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { ArgumentError } from '../errors.js';
import { shapesEqual } from '../kernels/shape-utils.js';
import { reshape, stack, unstack, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, leakyStep, resolveLeaky } from './leaky.js';
import { checkParam, type Param } from './param.js';

/*
 * snnTorch's Leaky over a whole sequence. Where no gradient is recorded (inference, evaluation) and
 * the backend implements the LeakySequence kernel natively, all T steps run as that one kernel (one
 * pass over the neurons instead of about eight kernels per step); otherwise the steps run as T
 * leakyStep calls, so training gets leakyStep's gradients. Both give the same spikes and membranes.
 */

/** Spikes and membrane after each step, [T, ...n] each. */
export interface LeakySequenceResult {
  /** Spikes (0/1) at each step. */
  spk: Tensor;
  /** Membrane after each step (its last step is the state to continue from). */
  mem: Tensor;
}

/**
 * `leakyStep` over T steps: x [T, ...n] the input at each step, or with `steps` given x [...n] the
 * same input at every one of `steps` steps (snnTorch's tutorials feed the same image each step);
 * `mem` the membrane before step 0 (null: zeros). Returns the spikes and membranes of every step.
 *
 * @example
 * ```ts
 * const currents = randomUniform([25, 8, 10], { seed: 0 }); // [T 25, batch 8, 10 neurons]
 * const { spk, mem } = leakySequence(currents, null, { beta: 0.95 }); // snnTorch Leaky(beta=0.95) over T
 * console.log(spk.shape, mem.shape); // [25, 8, 10] [25, 8, 10]
 * ```
 */
export function leakySequence(
  x: Tensor,
  mem: Tensor | null,
  p: LeakyParameters,
  steps?: number,
): LeakySequenceResult {
  const fn = 'leakySequence';
  if (steps !== undefined && (!Number.isInteger(steps) || steps < 1)) {
    throw new ArgumentError(`${fn}: steps must be an integer >= 1, got ${String(steps)}`);
  }
  if (steps === undefined && (x.rank < 1 || x.shape[0] < 1)) {
    throw new ArgumentError(`${fn}: x must be time-major [T, ...] with T >= 1, got [${x.shape.join(', ')}]`);
  }
  checkParam(fn, 'beta', p.beta);
  const { threshold, reset } = resolveLeaky(fn, p);
  const neuronShape = steps === undefined ? x.shape.slice(1) : x.shape;
  if (mem !== null && !shapesEqual(mem.shape, neuronShape)) {
    throw new ArgumentError(
      `${fn}: mem [${mem.shape.join(', ')}] must be one step of x, [${neuronShape.join(', ')}]`,
    );
  }
  const T = steps ?? x.shape[0];
  const beta = oneValue(p.beta);
  const th = oneValue(threshold);
  if (!ENGINE.isRecording && hasKernel('LeakySequence') && beta && th && x.dtype === 'float32') {
    const [spk, memSeq] = runKernel(
      'LeakySequence',
      {
        x: steps === undefined ? x : reshape(x, [1, ...x.shape]),
        mem0: mem ?? zeros(neuronShape),
        beta,
        threshold: th,
      },
      { steps: T, resetMechanism: reset, resetDelay: p.resetDelay ?? true },
    );
    return { spk, mem: memSeq };
  }
  return leakyStepLoop(steps === undefined ? unstack(x, 0) : new Array<Tensor>(T).fill(x), mem, p);
}

/** leakyStep over the inputs `xs`, one per step, from `mem` (null: zeros); the spikes and membranes stacked. */
export function leakyStepLoop(
  xs: readonly Tensor[],
  mem: Tensor | null,
  p: LeakyParameters,
): LeakySequenceResult {
  const spk: Tensor[] = [];
  const mems: Tensor[] = [];
  let m = mem;
  for (const xt of xs) {
    const [s, next] = leakyStep(xt, m, p);
    spk.push(s);
    mems.push(next);
    m = next;
  }
  return { spk: stack(spk, 0), mem: stack(mems, 0) };
}

/** A parameter as a one-value float32 tensor for the kernel; undefined for a per-neuron tensor. */
function oneValue(v: Param): Tensor | undefined {
  if (typeof v === 'number') return ENGINE.scalarConst(v, 'float32');
  return v.size === 1 && v.rank <= 1 && v.dtype === 'float32' ? v : undefined;
}
