import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul } from '../binary.js';
import { stack, unstack } from '../movement.js';

/** Reverse-time gradient of LISequence in core ops. Returns [dx, dv0, di0]. */
export function liSequenceGradDecomposition(
  { dv, di }: { dv: Tensor; di: Tensor },
  attrs: KernelAttrs<'LISequenceGrad'>,
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
