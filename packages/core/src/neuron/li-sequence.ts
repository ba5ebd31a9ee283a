import { registerDecomposition, registerGradient, runKernel } from '../engine/api.js';
import { ArgumentError } from '../errors.js';
import type { KernelAttrs } from '../kernels/kernel-signatures.js';
import { add, mul, stack, sub, unstack } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LIParameters, type LIState, liFeedForwardStep, liInitialState, liParameters } from './li.js';
import { DEFAULT_DT } from './lif.js';
import { checkStateShape, lastOfSequence } from './lif-sequence.js';
import { allNumbers, checkDt } from './param.js';

/*
 * Norse's leaky integrator over all T steps: one LISequence kernel forward, one LISequenceGrad kernel
 * backward (native, or core's decompositions below), with the step loop as the fallback for tensor
 * parameters. Same values and gradients as liFeedForwardStep applied T times.
 */

type LIAttrs = KernelAttrs<'LISequence'>;

/** Membrane v and current i after each step ([T, ...n]) and the final state. */
export interface LISequenceResult {
  v: Tensor;
  i: Tensor;
  state: LIState;
}

let registered = false;

/** Registers the LISequence gradient rule and the decompositions of LISequence/LISequenceGrad. */
export function ensureLISequenceKernels(): void {
  if (registered) return;
  registered = true;
  registerDecomposition('LISequence', liSequenceDecomposition);
  registerDecomposition('LISequenceGrad', liSequenceGradDecomposition);
  registerGradient({
    kernelName: 'LISequence',
    gradFunc: (_dy, saved, attrs) => {
      let grads: Tensor[] | undefined;
      const all = () => {
        grads ??= runKernel('LISequenceGrad', { dv: saved.dys[0], di: saved.dys[1] }, attrs);
        return grads;
      };
      return { x: () => all()[0], v0: () => all()[1], i0: () => all()[2] };
    },
  });
}

/** LISequence as the step loop in core ops: j = i + x[t]; v += a*((vLeak - v) + j); i = j - b*j. */
export function liSequenceDecomposition(
  { x, v0, i0 }: { x: Tensor; v0: Tensor; i0: Tensor },
  attrs: LIAttrs,
): Tensor[] {
  const a = attrs.dt * attrs.tauMemInv;
  const b = -attrs.dt * attrs.tauSynInv;
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  let v = v0;
  let i = i0;
  for (const xt of unstack(x, 0)) {
    const j = add(i, xt);
    v = add(v, mul(add(sub(attrs.vLeak, v), j), a));
    i = add(j, mul(j, b));
    vs.push(v);
    is.push(i);
  }
  return [stack(vs, 0), stack(is, 0)];
}

/** Reverse-time gradient of LISequence in core ops. Returns [dx, dv0, di0]. */
export function liSequenceGradDecomposition(
  { dv, di }: { dv: Tensor; di: Tensor },
  attrs: LIAttrs,
): Tensor[] {
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  const dvs = unstack(dv, 0);
  const dis = unstack(di, 0);
  const steps = dvs.length;
  const dx: Tensor[] = new Array(steps);
  let gv: Tensor | undefined;
  let gi: Tensor | undefined;
  for (let t = steps - 1; t >= 0; t--) {
    const Gv = gv === undefined ? dvs[t] : add(dvs[t], gv);
    const Gi = gi === undefined ? dis[t] : add(dis[t], gi);
    const gj = add(mul(Gv, a), mul(Gi, 1 - b));
    dx[t] = gj;
    gv = mul(Gv, 1 - a);
    gi = gj;
  }
  return [stack(dx, 0), gv!, gi!];
}

/**
 * Norse's leaky integrator (LICell dynamics) over a sequence: x [T, ...n] input currents, `state` the
 * state before step 0 (null: v = vLeak, i = 0). Fused LISequence kernel when all parameters are
 * numbers, else the liFeedForwardStep loop. Returns v and i after each step and the final state.
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
  if (allNumbers(q.tauSynInv, q.tauMemInv, q.vLeak)) {
    ensureLISequenceKernels();
    const attrs: LIAttrs = {
      tauSynInv: q.tauSynInv as number,
      tauMemInv: q.tauMemInv as number,
      vLeak: q.vLeak as number,
      dt,
    };
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
