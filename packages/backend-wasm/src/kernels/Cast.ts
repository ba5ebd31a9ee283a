import { view } from './host.js';
import type { WasmKernel } from './kernel.js';

/**
 * float32 -> int32 truncates toward zero and wraps like Int32Array (NaN gives 0); anything -> bool
 * is x !== 0 (NaN is true); bool -> numbers is 0/1. Typed-array conversion on the host.
 */
export const Cast: WasmKernel<'Cast'> = ({ x }, { dtype }, ctx) => {
  const src = ctx.data(x, 'Cast');
  const { info, data } = ctx.output(x.shape, dtype, 'Cast');
  const sv = view(ctx.rt, src);
  const ov = view(ctx.rt, data);
  if (dtype === 'bool' && x.dtype !== 'bool') {
    for (let i = 0; i < sv.length; i++) ov[i] = sv[i] !== 0 ? 1 : 0;
  } else {
    ov.set(sv);
  }
  return info;
};
