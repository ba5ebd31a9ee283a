import { runKernel } from '../../engine/api.js';
import type { LIFSequenceAttrs } from '../../kernels/kernel-signatures.js';
import { zeros } from '../../tensor/creation.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add } from '../binary.js';
import { matMul } from '../matmul.js';
import { reshape, stack, unstack } from '../movement.js';

/*
 * The recurrent LIF layer's step loop in core ops (what backends without the fused kernels run): each
 * step is lifRecurrentStep's ops in its order (the input, then the recurrent product, then a one-step
 * LIFSequence with no input), so the values are the step loop's.
 */

/** LIFRecurrentSequence step by step: returns [z, vDecayed], each [T, B, n]. */
export function lifRecurrentSequenceDecomposition(
  { x, w, z0, v0, i0 }: { x: Tensor; w: Tensor; z0: Tensor; v0: Tensor; i0: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  const [, batch, n] = x.shape;
  const one = [1, batch, n];
  const noInput = zeros(one);
  const zs: Tensor[] = [];
  const vds: Tensor[] = [];
  let z = z0;
  let v = v0;
  let i = i0;
  for (const c of unstack(x, 0)) {
    const ij = add(add(i, c), matMul(z, w, false, true));
    const [zt, vt, it, vdt] = runKernel('LIFSequence', { x: noInput, v0: v, i0: ij }, attrs);
    zs.push(zt);
    vds.push(vdt);
    z = reshape(zt, [batch, n]);
    v = reshape(vt, [batch, n]);
    i = reshape(it, [batch, n]);
  }
  return [
    stack(
      zs.map((t) => reshape(t, [batch, n])),
      0,
    ),
    stack(
      vds.map((t) => reshape(t, [batch, n])),
      0,
    ),
  ];
}

/** LIFRecurrentSequenceGrad step by step (LIFSequenceGrad per step): returns [dx, dz0, dv0, di0]. */
export function lifRecurrentSequenceGradDecomposition(
  { z, vDecayed, dz, w }: { z: Tensor; vDecayed: Tensor; dz: Tensor; w: Tensor },
  attrs: LIFSequenceAttrs,
): Tensor[] {
  const [T, batch, n] = z.shape;
  const one = [1, batch, n];
  const asStep = (t: Tensor) => reshape(t, one);
  const zs = unstack(z, 0);
  const vds = unstack(vDecayed, 0);
  const dzs = unstack(dz, 0);
  const dxs: Tensor[] = new Array(T);
  let gv = zeros(one);
  let gi = zeros(one);
  let gz: Tensor | undefined;
  for (let t = T - 1; t >= 0; t--) {
    const dzt = gz === undefined ? asStep(dzs[t]) : add(asStep(dzs[t]), gz);
    const [, dv0, di0] = runKernel(
      'LIFSequenceGrad',
      { z: asStep(zs[t]), vDecayed: asStep(vds[t]), dz: dzt, dv: gv, di: gi },
      attrs,
    );
    dxs[t] = reshape(di0, [batch, n]);
    gv = asStep(dv0);
    gi = asStep(di0);
    gz = asStep(matMul(dxs[t], w));
  }
  const state = (t: Tensor) => reshape(t, [batch, n]);
  return [stack(dxs, 0), state(gz as Tensor), state(gv), state(gi)];
}
