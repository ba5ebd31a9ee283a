import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../binary.js';
import { stack, unstack } from '../movement.js';
import { spike } from '../unary.js';

/** The step loop: LIFSequence in core ops (what backends without the kernel run). */
export function lifSequenceDecomposition(
  { x, v0, i0 }: { x: Tensor; v0: Tensor; i0: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  const a = attrs.dt * attrs.tauMemInv;
  const b = -attrs.dt * attrs.tauSynInv;
  const zs: Tensor[] = [];
  const vs: Tensor[] = [];
  const is: Tensor[] = [];
  const vds: Tensor[] = [];
  let v = v0;
  let i = i0;
  for (const xt of unstack(x, 0)) {
    const vd = add(v, mul(add(sub(attrs.vLeak, v), i), a));
    const id = add(i, mul(i, b));
    // The kernel fires on vd - vTh > 0 (Norse's convention); the spike's gradient is the rule's job.
    const z = spike(sub(vd, attrs.vTh));
    v = add(mul(sub(1, z), vd), mul(z, attrs.vReset));
    i = add(id, xt);
    zs.push(z);
    vs.push(v);
    is.push(i);
    vds.push(vd);
  }
  return [stack(zs, 0), stack(vs, 0), stack(is, 0), stack(vds, 0)];
}
