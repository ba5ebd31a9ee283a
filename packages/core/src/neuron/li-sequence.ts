import { runKernel } from '../engine/api.js';
import { ArgumentError } from '../errors.js';
import { stack, unstack } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LIParameters, type LIState, liFeedForwardStep, liInitialState, liParameters } from './li.js';
import { DEFAULT_DT } from './lif.js';
import { checkStateShape, lastOfSequence } from './lif-sequence.js';
import { checkDt } from './param.js';
import { liSequenceAttrs } from './sequence-attrs.js';

/*
 * Norse's leaky integrator over all T steps: one LISequence kernel forward, one LISequenceGrad kernel
 * backward (native, or core's decompositions in ops/decompositions/LISequence*.ts, installed by the
 * engine with its built-in rules), with the step loop as the fallback for tensor
 * parameters. Same values and gradients as liFeedForwardStep applied T times.
 */

/** Membrane v and current i after each step ([T, ...n]) and the final state. */
export interface LISequenceResult {
  /** Membrane after each step, [T, ...n]. */
  v: Tensor;
  /** Synaptic current after each step, [T, ...n]. */
  i: Tensor;
  /** The state after the last step (to continue from). */
  state: LIState;
}

/**
 * Norse's leaky integrator (LICell dynamics) over a sequence: x [T, ...n] input currents, `state` the
 * state before step 0 (null: v = vLeak, i = 0). Fused LISequence kernel when all parameters are
 * numbers, else the liFeedForwardStep loop. Returns v and i after each step and the final state.
 *
 * @param x - Input currents, [T, ...n] (time first).
 * @param state - The state before step 0; null (default) starts at v = vLeak, i = 0.
 * @param p - LI parameters: tauMemInv and tauSynInv in 1/s (default 100 and 200), vLeak (default 0).
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * // A readout layer: Norse's LICell over 25 steps, the class score the largest membrane over time
 * const currents = randomUniform([25, 8, 10], { seed: 0 }); // [T, batch, classes]
 * const { v, state } = liFeedForwardSequence(currents, null, { tauMemInv: 100 }, 1e-3);
 * const scores = max(v, 0); // [8, 10]
 * ```
 */
export function liFeedForwardSequence(
  x: Tensor,
  state: LIState | null = null,
  p: Partial<LIParameters> = {},
  dt: number = DEFAULT_DT,
): LISequenceResult {
  const fn = 'liFeedForwardSequence';
  checkDt(fn, dt);
  if (x.rank < 1 || x.shape[0] < 1) {
    throw new ArgumentError(`${fn}: x must be time-major [T, ...] with T >= 1, got [${x.shape.join(', ')}]`);
  }
  const q = liParameters(p);
  const neuronShape = x.shape.slice(1);
  const s = state ?? liInitialState(neuronShape, q);
  checkStateShape(fn, neuronShape, s.v, s.i);
  const attrs = liSequenceAttrs(q, dt);
  if (attrs !== undefined) {
    const [v, i] = runKernel('LISequence', { x, v0: s.v, i0: s.i }, attrs);
    return { v, i, state: { v: lastOfSequence(v), i: lastOfSequence(i) } };
  }
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  let cur = s;
  for (const xt of unstack(x, 0)) {
    const [v, next] = liFeedForwardStep(xt, cur, q, dt);
    vs.push(v);
    is.push(next.i);
    cur = next;
  }
  return { v: stack(vs, 0), i: stack(is, 0), state: cur };
}
