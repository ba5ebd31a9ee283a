import type { ReferenceKernel } from '../reference-kernel.js';
import { allocate } from '../store.js';

/**
 * float32 -> int32 truncates toward zero (Int32Array conversion does exactly that, wrapping values
 * outside the int32 range; NaN becomes 0); anything -> bool is x !== 0 (NaN is truthy, as in
 * PyTorch); bool -> numbers is 0/1.
 */
export const Cast: ReferenceKernel<'Cast'> = ({ x }, { dtype }, store) => {
  const xv = store.get(x);
  const out = allocate(dtype, xv.length);
  if (dtype === 'bool') {
    for (let i = 0; i < xv.length; i++) out[i] = xv[i] !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < xv.length; i++) out[i] = xv[i];
  }
  return store.output(out, x.shape, dtype);
};
