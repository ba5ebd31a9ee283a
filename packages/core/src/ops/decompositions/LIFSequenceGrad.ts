import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import { checkDetachReset } from '../../kernels/shape-utils.js';
import { surrogateDerivative } from '../../surrogate/derivatives.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../binary.js';
import { stack, unstack } from '../movement.js';

/**
 * Reverse-time gradient of LIFSequence in core ops, the reset detached or not as attrs.detachReset
 * says (formulas in kernel-signatures.ts). Returns [dx, dv0, di0].
 */
export function lifSequenceGradDecomposition(
  inputs: { z: Tensor; vDecayed: Tensor; dz: Tensor; dv: Tensor; di: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  checkDetachReset('LIFSequenceGrad', attrs.detachReset);
  const a = attrs.dt * attrs.tauMemInv;
  const b = attrs.dt * attrs.tauSynInv;
  const z = unstack(inputs.z, 0);
  const vd = unstack(inputs.vDecayed, 0);
  const dz = unstack(inputs.dz, 0);
  const dv = unstack(inputs.dv, 0);
  const di = unstack(inputs.di, 0);
  const steps = z.length;
  const dx: Tensor[] = new Array(steps);
  let gv: Tensor | undefined;
  let gi: Tensor | undefined;
  for (let t = steps - 1; t >= 0; t--) {
    const Gv = gv === undefined ? dv[t] : add(dv[t], gv);
    const Gi = gi === undefined ? di[t] : add(di[t], gi);
    const surrogate = surrogateDerivative(attrs.surrogate, sub(vd[t], attrs.vTh), attrs.alpha);
    // d v_t / d vd_t: 1 - z, plus (vReset - vd)*surrogate' when z stays in the reset's graph.
    const keep = attrs.detachReset
      ? sub(1, z[t])
      : add(sub(1, z[t]), mul(sub(attrs.vReset, vd[t]), surrogate));
    const gvd = add(mul(Gv, keep), mul(dz[t], surrogate));
    dx[t] = Gi;
    gv = mul(gvd, 1 - a);
    gi = add(mul(gvd, a), mul(Gi, 1 - b));
  }
  return [stack(dx, 0), gv!, gi!];
}
