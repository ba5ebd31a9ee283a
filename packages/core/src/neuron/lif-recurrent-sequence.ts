import { hasKernel, runKernel } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { add, matMul, reshape, slice, stack, transpose, unstack } from '../ops/index.js';
import { zeros } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, type LIFParameters, type LIFState, lifParameters, lifRecurrentStep } from './lif.js';
import { checkDt, filledLike } from './param.js';
import { lifSequenceAttrs } from './sequence-attrs.js';

/*
 * A recurrent LIF layer over T steps, spikes only (Norse's LIFRecurrentCell looped over time). The
 * recurrence forbids computing the steps at once, but not the backward pass's weight gradient: in the
 * step loop every step adds z[t-1]^T dij[t] (a product, a transpose and an add on the tape), where one
 * product over the stacked steps gives the same sum. Where the fused LIF kernels apply (number
 * parameters, a named surrogate, a backend with LIFSequence), the whole loop is one custom-gradient op
 * of two kernels: LIFRecurrentSequence forward and LIFRecurrentSequenceGrad backward (a backend's own,
 * which runs all T steps in one call, or core's decompositions, the step loop's ops per step), and
 * the recurrent weight gradient as one (event-driven) product over the (T-1)*batch rows. Values equal
 * the step loop's; gradients up to the summation order of that one sum (float32 rounding).
 */

/**
 * The spikes [T, batch, n] of `lifRecurrentStep` run over `currents` [T, batch, n] (the input
 * projection, already applied) from `state` (null: z = 0, v = vLeak, i = 0), with recurrent weights
 * `recurrentWeights` [n, n] (applied as z @ W^T, Norse's layout). Differentiable in the currents, the
 * weights and the initial state. The final state is not returned: use lifRecurrentStep in a loop to
 * carry it on.
 *
 * @param currents - The input projection x @ W_in^T at every step, [T, batch, n].
 * @param state - The state before step 0; null starts at z = 0, v = vLeak, i = 0.
 * @param recurrentWeights - [n, n], applied as z @ W^T.
 * @param p - LIF parameters: tauMemInv and tauSynInv in 1/s (default 100 and 200), vTh (default 1), ...
 * @param dt - The integration step in s, default 1e-3.
 * @example
 * ```ts
 * const x = randomUniform([25, 8, 28], { seed: 0 }); // [T, batch, inputs]
 * const wIn = randomNormal([100, 28], { seed: 1, std: 0.3 }); // [hidden, inputs]
 * const wRec = randomNormal([100, 100], { seed: 2, std: 0.05 }); // [hidden, hidden]
 * const currents = matMul(x, wIn, false, true); // [25, 8, 100]: the input projection of every step at once
 * const z = lifRecurrentSpikes(currents, null, wRec, { tauMemInv: 100 }, 1e-3); // [25, 8, 100]
 * ```
 */
export function lifRecurrentSpikes(
  currents: Tensor,
  state: LIFState | null,
  recurrentWeights: Tensor,
  p: Partial<LIFParameters> = {},
  dt: number = DEFAULT_DT,
): Tensor {
  const fn = 'lifRecurrentSpikes';
  checkDt(fn, dt);
  if (currents.rank !== 3 || currents.shape[0] < 1) {
    throw new ArgumentError(
      `${fn}: currents must be [T, batch, n] with T >= 1, got [${currents.shape.join(', ')}]`,
    );
  }
  const [T, batch, n] = currents.shape;
  if (recurrentWeights.rank !== 2 || recurrentWeights.shape[0] !== n || recurrentWeights.shape[1] !== n) {
    throw new ShapeError(
      `${fn}: recurrentWeights has shape [${recurrentWeights.shape.join(', ')}] but currents [${currents.shape.join(', ')}] need [${n}, ${n}]`,
    );
  }
  const q = lifParameters(p);
  const attrs = lifSequenceAttrs(q, dt, true);
  // lifRecurrentStep's own condition for its fused step (fusedLifStep), so both give the same values.
  if (attrs === undefined || !hasKernel('LIFSequence')) {
    const zs: Tensor[] = [];
    let s = state;
    for (const c of unstack(currents, 0)) {
      const [z, next] = lifRecurrentStep(c, s, recurrentWeights, q, dt);
      zs.push(z);
      s = next;
    }
    return stack(zs, 0);
  }
  // The kernels' state: Norse's initial state (z = 0, v = vLeak, i = 0) where none is given.
  const hasState = state !== null;
  const z0 = hasState ? state.z : ENGINE.zerosConst([batch, n]);
  const v0 = hasState ? state.v : filledLike([batch, n], q.vLeak);
  const i0 = hasState ? state.i : ENGINE.zerosConst([batch, n]);
  const kernelInputs = { x: currents, w: recurrentWeights, z0, v0, i0 };
  const inputs = hasState
    ? [currents, recurrentWeights, state.z, state.v, state.i]
    : [currents, recurrentWeights];
  if (!ENGINE.isRecording) {
    const [spikes, vd] = runKernel('LIFRecurrentSequence', kernelInputs, attrs);
    vd.dispose();
    if (!hasState) v0.dispose();
    return spikes;
  }
  const [value, vDecayed] = ENGINE.noGrad(() => runKernel('LIFRecurrentSequence', kernelInputs, attrs));
  if (!hasState) v0.dispose();
  const save = [recurrentWeights, value, vDecayed, ...(hasState ? [state.z] : [])];
  const backward = (dys: readonly Tensor[], saved: readonly Tensor[]) => {
    const [wS, zAll, vdS] = saved;
    // The reverse-time recursion runs once, on the first gradient asked for; dW only if asked.
    let memo: Tensor[] | undefined;
    const grads = () => {
      memo ??= runKernel('LIFRecurrentSequenceGrad', { z: zAll, vDecayed: vdS, dz: dys[0], w: wS }, attrs);
      return memo;
    };
    const dW = () => {
      const [dCurrents] = grads();
      // dW[o, k] = sum over steps t >= 1 and batch of dij[t][b, o] * z[t-1][b, k]: one product over
      // the (T-1)*batch rows, the spikes as its left operand (event-driven), against the step
      // gradients one step later (both contiguous slices, no copy).
      const rows = (x: Tensor, from: number, steps: number) =>
        reshape(slice(x, [from, 0, 0], [steps, batch, n]), [steps * batch, n]);
      const first = () => transpose(matMul(saved[3], rows(dCurrents, 0, 1), true, false));
      if (T === 1) return hasState ? first() : zeros([n, n]);
      const sumW = transpose(matMul(rows(zAll, 0, T - 1), rows(dCurrents, 1, T - 1), true, false));
      return hasState ? add(first(), sumW) : sumW;
    };
    return [
      () => grads()[0],
      dW,
      ...(hasState ? [() => grads()[1], () => grads()[2], () => grads()[3]] : []),
    ];
  };
  ENGINE.recordNode(fn, inputs, [value], backward, save);
  // The tape holds its own handle on what it saved.
  vDecayed.dispose();
  return value;
}
