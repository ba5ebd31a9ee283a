import type { KernelAttrs } from '../../kernels/kernel-signatures.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../binary.js';
import { stack, unstack } from '../movement.js';

/** LISequence as the step loop in core ops: j = i + x[t]; v += a*((vLeak - v) + j); i = j - b*j. */
export function liSequenceDecomposition(
  { x, v0, i0 }: { x: Tensor; v0: Tensor; i0: Tensor },
  attrs: KernelAttrs<'LISequence'>,
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
