import { hasKernel, runKernel, tidy } from '../engine/api.js';
import { ENGINE } from '../engine/engine.js';
import { ArgumentError, ShapeError } from '../errors.js';
import { add, matMul, reshape, stack, transpose, unstack } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { DEFAULT_DT, type LIFParameters, type LIFState, lifParameters, lifRecurrentStep } from './lif.js';
import { checkDt, filledLike } from './param.js';
import { lifSequenceAttrs } from './sequence-attrs.js';

/*
 * A recurrent LIF layer over T steps, spikes only (Norse's LIFRecurrentCell looped over time). The
 * recurrence forbids computing the steps at once, but not the backward pass's weight gradient: in the
 * step loop every step adds z[t-1]^T dij[t] (a product, a transpose and an add on the tape), where one
 * product over the stacked steps gives the same sum. Where the fused LIF kernels apply (number
 * parameters, a named surrogate, a backend with LIFSequence), the whole loop is one custom-gradient op:
 * the forward runs the steps' own ops without a tape (values identical to the step loop), and the
 * backward runs the reverse-time recursion with LIFSequenceGrad per step and the recurrent weight
 * gradient as one (event-driven) product over the T*batch rows. Gradients equal the step loop's up to
 * the summation order of that one sum (float32 rounding).
 */

/**
 * The spikes [T, batch, n] of `lifRecurrentStep` run over `currents` [T, batch, n] (the input
 * projection, already applied) from `state` (null: z = 0, v = vLeak, i = 0), with recurrent weights
 * `recurrentWeights` [n, n] (applied as z @ W^T, Norse's layout). Differentiable in the currents, the
 * weights and the initial state. The final state is not returned: use lifRecurrentStep in a loop to
 * carry it on.
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
  const one = [1, batch, n];
  const asStep = (t: Tensor) => reshape(t, one);
  const asState = (t: Tensor) => reshape(t, [batch, n]);

  // lifRecurrentStep's ops in its order; without a state the recurrent product is zero and skipped.
  const forward = (xs: Tensor, w: Tensor, z0?: Tensor, v0?: Tensor, i0?: Tensor) => {
    const zs: Tensor[] = [];
    const vds: Tensor[] = [];
    let z: Tensor | undefined = z0;
    let v = v0 ?? filledLike([batch, n], q.vLeak);
    let i = i0 ?? filledLike([batch, n], 0);
    for (const c of unstack(xs, 0)) {
      let ij = add(i, c);
      if (z !== undefined) ij = add(ij, matMul(z, w, false, true));
      const [zt, vt, it, vdt] = runKernel('LIFSequence', { x: ENGINE.zerosConst(one), v0: v, i0: ij }, attrs);
      zs.push(zt);
      vds.push(vdt);
      z = asState(zt);
      v = asState(vt);
      i = asState(it);
    }
    return { value: stack(zs.map(asState), 0), zs, vds };
  };
  const inputs =
    state === null ? [currents, recurrentWeights] : [currents, recurrentWeights, state.z, state.v, state.i];
  if (!ENGINE.isRecording) return tidy(() => forward(...(inputs as [Tensor, Tensor])).value);

  const run = ENGINE.noGrad(() => ENGINE.tidy(() => forward(...(inputs as [Tensor, Tensor]))));
  const { value, zs, vds } = run;
  const hasState = state !== null;
  const save = [recurrentWeights, value, ...(hasState ? [state.z] : []), ...zs, ...vds];
  const backward = (dys: readonly Tensor[], saved: readonly Tensor[]) => {
    const [wS, zAll] = saved;
    const zsS = saved.slice(hasState ? 3 : 2, (hasState ? 3 : 2) + T);
    const vdsS = saved.slice((hasState ? 3 : 2) + T);
    // The reverse-time recursion runs once, on the first gradient asked for; dW only if asked.
    let memo: { dCurrents: Tensor; dijs: Tensor[]; gz?: Tensor; gv: Tensor; gi: Tensor } | undefined;
    const recursion = () => {
      if (memo !== undefined) return memo;
      const dzs = unstack(dys[0], 0);
      const dijs: Tensor[] = new Array(T);
      let gv: Tensor = ENGINE.zerosConst(one);
      let gi: Tensor = ENGINE.zerosConst(one);
      let gz: Tensor | undefined;
      for (let t = T - 1; t >= 0; t--) {
        const dz = gz === undefined ? asStep(dzs[t]) : add(asStep(dzs[t]), asStep(gz));
        const [, dv0, di0] = runKernel(
          'LIFSequenceGrad',
          { z: zsS[t], vDecayed: vdsS[t], dz, dv: gv, di: gi },
          attrs,
        );
        dijs[t] = di0;
        gv = asStep(dv0);
        gi = asStep(di0);
        // dL/dz[t-1] through the recurrent product (none before step 0 without a state).
        gz = t > 0 || hasState ? matMul(di0, wS) : undefined;
      }
      memo = { dCurrents: stack(dijs, 0), dijs, gz, gv, gi };
      return memo;
    };
    const dW = () => {
      const { dijs } = recursion();
      // dW[o, k] = sum over steps and batch of dij[t][b, o] * z[t-1][b, k]: one product over all the
      // T*batch rows, the stacked spikes as its left operand (event-driven, and indexed already by the
      // forward product that read them), against the step gradients shifted one step back.
      const rowsOf = (x: Tensor) => reshape(x, [T * batch, n]);
      const shifted = stack([...dijs.slice(1), ENGINE.zerosConst([batch, n])], 0);
      const sumW = transpose(matMul(rowsOf(zAll), rowsOf(shifted), true, false));
      return hasState ? add(transpose(matMul(saved[2], dijs[0], true, false)), sumW) : sumW;
    };
    return [
      () => recursion().dCurrents,
      dW,
      ...(hasState
        ? [() => recursion().gz as Tensor, () => asState(recursion().gv), () => asState(recursion().gi)]
        : []),
    ];
  };
  ENGINE.recordNode(fn, inputs, [value], backward, save);
  // The tape holds its own handles on what it saved.
  for (const t of [...zs, ...vds]) t.dispose();
  return value;
}
