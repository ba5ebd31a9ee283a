import { noGrad, runKernel, tidy } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { reshape, slice, stack, unstack } from '../ops/index.js';
import { zeros } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  DEFAULT_DT,
  type LIFFeedForwardState,
  type LIFParameters,
  type LIFStepOptions,
  lifFeedForwardInitialState,
  lifFeedForwardStep,
  lifParameters,
} from './lif.js';
import { checkDt } from './param.js';
import { lifSequenceAttrs } from './sequence-attrs.js';

/*
 * The LIF feed-forward layer over all T steps at once (SpikingJelly's fused multi-step mode): one
 * LIFSequence kernel forward and one LIFSequenceGrad kernel backward, instead of ~10 kernels per step.
 * Backends may implement both natively; core's engine installs the gradient rule
 * (gradients/LIFSequence.grad.ts) and decompositions (ops/decompositions/LIFSequence*.ts: the step
 * loop and the reverse-time recursion in core ops) with its built-in rules, so every backend runs it,
 * with the same values and gradients, whoever calls runKernel first.
 *
 * Semantics: lifFeedForwardStep's Norse order; the gradients equal those of
 * lifFeedForwardStep(..., { detachReset }) step by step for either value of the kernel's detachReset
 * attr (false, the default here, is Norse's lif_feed_forward_step: gradient through the reset too).
 */

/** All T steps: spikes z, membrane v and current i after each step ([T, ...n]), and the final state. */
export interface LIFSequenceResult {
  /** Spikes (0/1) at each step, [T, ...n]. */
  z: Tensor;
  /** Membrane after each step, [T, ...n]. */
  v: Tensor;
  /** Synaptic current after each step, [T, ...n]. */
  i: Tensor;
  /** The state after the last step (to continue from). */
  state: LIFFeedForwardState;
}

/**
 * Norse's LIF feed-forward layer over a whole sequence: x [T, ...n] input currents, `state` the state
 * before step 0 (null: v = vLeak, i = 0). Uses the fused LIFSequence kernel (native or core's
 * decomposition) when every parameter is a number and the spike method is a named surrogate; otherwise
 * (tensor parameters, a custom surrogate, 'heaviside') it runs lifFeedForwardStep T times. Both paths
 * give the same values and gradients. The reset is kept in the graph by default, as Norse's
 * lif_feed_forward_step (so gradients match Norse's LIFCell); `{ detachReset: true }` cuts it, as
 * Norse's lif_step does.
 *
 * @param x - Input currents, [T, ...n] (time first).
 * @param state - The state before step 0; null (default) starts at v = vLeak, i = 0.
 * @param p - LIF parameters (lifParameters' fields): tauMemInv and tauSynInv in 1/s (default 100 and 200),
 *   vTh (default 1), vLeak and vReset (default 0), method (default `'super'`), alpha (default 100).
 * @param dt - The integration step in s, default 1e-3 (1 ms).
 * @param options - `detachReset` (default false: the reset stays in the graph, as Norse's LIFCell).
 * @example
 * ```ts
 * // Norse: LIF(p=LIFParameters(tau_mem_inv=100.0))(x) over x [T, batch, n]
 * const x = randomUniform([25, 8, 100], { seed: 0, high: 5 }); // [T 25, batch 8, 100 neurons]
 * const { z, v, state } = lifFeedForwardSequence(x, null, { tauMemInv: 100, tauSynInv: 200 }, 1e-3);
 * console.log(z.shape, state.v.shape); // [25, 8, 100] [8, 100]
 * ```
 */
export function lifFeedForwardSequence(
  x: Tensor,
  state: LIFFeedForwardState | null = null,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
  options: LIFStepOptions = {},
): LIFSequenceResult {
  const fn = 'lifFeedForwardSequence';
  checkDt(fn, dt);
  if (x.rank < 1 || x.shape[0] < 1) {
    throw new ArgumentError(`${fn}: x must be time-major [T, ...] with T >= 1, got [${x.shape.join(', ')}]`);
  }
  const q = lifParameters(p);
  const neuronShape = x.shape.slice(1);
  const s = state ?? lifFeedForwardInitialState(neuronShape, q);
  checkStateShape(fn, neuronShape, s.v, s.i);
  const detachReset = options.detachReset ?? false;
  const attrs = lifSequenceAttrs(q, dt, detachReset);
  if (attrs !== undefined) {
    const [z, v, i] = runKernel('LIFSequence', { x, v0: s.v, i0: s.i }, attrs);
    return { z, v, i, state: { v: lastOfSequence(v), i: lastOfSequence(i) } };
  }
  return lifFeedForwardLoop(x, s, q, dt, detachReset);
}

/**
 * The spikes z [T, ...n] of lifFeedForwardSequence(x, state, p, dt, options), alone. Where no gradient
 * is being recorded (outside computeGradients, or under noGrad) the fused kernel runs with its
 * `spikesOnly` attr, so a backend may skip writing the states v, i and vDecayed (three quarters of its
 * stores; the constant-current encoders' case); while recording, it is the full layer's z, with its
 * gradient. The spikes are the same either way.
 *
 * @param x - Input currents, [T, ...n] (time first).
 * @param state - The state before step 0; null (default) starts at v = vLeak, i = 0.
 * @param p - LIF parameters: tauMemInv and tauSynInv in 1/s (default 100 and 200), vTh (default 1), ...
 * @param dt - The integration step in s, default 1e-3.
 * @param options - `detachReset` (default false).
 * @example
 * ```ts
 * const currents = fill([100, 1, 3], 0); // [T 100, batch 1, 3 neurons]
 * const drive = add(currents, tensor([0.5, 1.5, 6])); // three constant currents
 * const spikes = noGrad(() => lifFeedForwardSpikes(drive)); // [100, 1, 3]; no states written
 * console.log(sum(spikes, [0, 1]).dataSync()); // [18, 48, 98]: more current, more spikes
 * ```
 */
export function lifFeedForwardSpikes(
  x: Tensor,
  state: LIFFeedForwardState | null = null,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
  options: LIFStepOptions = {},
): Tensor {
  if (ENGINE.isRecording) return keepFirst(lifFeedForwardSequence(x, state, p, dt, options));
  const q = lifParameters(p);
  const attrs = lifSequenceAttrs(q, dt, options.detachReset ?? false);
  if (attrs === undefined || x.rank < 1 || x.shape[0] < 1) {
    return keepFirst(lifFeedForwardSequence(x, state, p, dt, options));
  }
  checkDt('lifFeedForwardSpikes', dt);
  const neuronShape = x.shape.slice(1);
  const s = state ?? lifFeedForwardInitialState(neuronShape, q);
  checkStateShape('lifFeedForwardSpikes', neuronShape, s.v, s.i);
  const outs = noGrad(() =>
    runKernel('LIFSequence', { x, v0: s.v, i0: s.i }, { ...attrs, spikesOnly: true }),
  );
  // Backends without a spikes-only path return all four outputs: the states are dropped here.
  for (const t of outs.slice(1)) t.dispose();
  if (state === null) for (const t of [s.v, s.i]) t.dispose();
  return outs[0];
}

/**
 * The spikes z [steps, ...n] of lifFeedForwardSpikes for a zero input of `steps` steps from `state`:
 * the neurons run on their initial state alone, as the constant-current encoders do (Norse's
 * lif_current_encoder is this with tauSynInv 0, the current held in state.i). Where no gradient is
 * recorded and the fused kernels apply, it is the LIFSpikesFromState kernel: no [steps, ...n] input
 * is made or read (a backend may also index the spikes as it writes them). While recording, or with
 * tensor parameters or a custom surrogate, it is lifFeedForwardSpikes of that zero input, differentiable
 * in the state. The spikes are the same either way.
 *
 * @param state - The state before step 0: membrane v and synaptic current i, each [...n].
 * @param steps - Number of time steps T (an integer >= 1).
 * @param p - LIF parameters (Norse's defaults for fields left out).
 * @param dt - Time step in seconds, default 1e-3.
 * @example
 * ```ts
 * // A constant current of 20 (one neuron) and 1.5 (the other), held for 100 steps (tauSynInv 0).
 * const current = tensor([20, 1.5]);
 * const state = { v: zeros([2]), i: current };
 * const z = lifFeedForwardSpikesFromState(state, 100, { tauSynInv: 0 }); // [100, 2]
 * console.log(sum(z, 0).dataSync()); // [100, 9]: a larger current fires more often
 * ```
 */
export function lifFeedForwardSpikesFromState(
  state: LIFFeedForwardState,
  steps: number,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
): Tensor {
  const fn = 'lifFeedForwardSpikesFromState';
  checkDt(fn, dt);
  if (!Number.isInteger(steps) || steps < 1) {
    throw new ArgumentError(`${fn}: steps must be an integer >= 1, got ${String(steps)}`);
  }
  const neuronShape = state.v.shape;
  checkStateShape(fn, neuronShape, state.v, state.i);
  const q = lifParameters(p);
  const attrs = lifSequenceAttrs(q, dt, false);
  if (ENGINE.isRecording || attrs === undefined) {
    return tidy(() => lifFeedForwardSpikes(zeros([steps, ...neuronShape]), state, q, dt));
  }
  const { tauSynInv, tauMemInv, vLeak, vTh, vReset } = attrs;
  return noGrad(() =>
    runKernel(
      'LIFSpikesFromState',
      { v0: state.v, i0: state.i },
      { steps, tauSynInv, tauMemInv, vLeak, vTh, vReset, dt },
    ),
  );
}

/** z of a sequence result; the states (and, when the caller made it, the initial state) are freed. */
function keepFirst(r: LIFSequenceResult): Tensor {
  for (const t of [r.v, r.i, r.state.v, r.state.i]) t.dispose();
  return r.z;
}

/** The step-by-step path (reset in the graph by default, as Norse's lif_feed_forward_step). */
export function lifFeedForwardLoop(
  x: Tensor,
  state: LIFFeedForwardState,
  p: LIFParameters,
  dt: number,
  detachReset = false,
): LIFSequenceResult {
  const zs: Tensor[] = [];
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  let s = state;
  for (const xt of unstack(x, 0)) {
    const [z, next] = lifFeedForwardStep(xt, s, p, dt, { detachReset });
    zs.push(z);
    vs.push(next.v);
    is.push(next.i);
    s = next;
  }
  return { z: stack(zs, 0), v: stack(vs, 0), i: stack(is, 0), state: s };
}

/** seq[T - 1] of a time-major [T, ...n] tensor, shaped [...n]. */
export function lastOfSequence(seq: Tensor): Tensor {
  const [T, ...n] = seq.shape;
  return reshape(slice(seq, [T - 1, ...n.map(() => 0)], [1, ...n]), n);
}

export function checkStateShape(fn: string, neuronShape: readonly number[], v: Tensor, i: Tensor): void {
  for (const [name, t] of [
    ['v', v],
    ['i', i],
  ] as const) {
    if (t.shape.length !== neuronShape.length || t.shape.some((d, k) => d !== neuronShape[k])) {
      throw new ShapeError(
        `${fn}: state.${name} has shape [${t.shape.join(', ')}] but x [T, ${neuronShape.join(', ')}] needs [${neuronShape.join(', ')}]`,
      );
    }
  }
}
