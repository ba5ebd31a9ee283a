import { view } from './host.js';
import type { WasmKernel } from './kernel.js';

/** int32 indices -> float32 [...indices.shape, depth]; indices outside [0, depth) give an all-off row. */
export const OneHot: WasmKernel<'OneHot'> = ({ indices }, { depth, onValue, offValue }, ctx) => {
  const src = ctx.data(indices, 'OneHot');
  const { info, data } = ctx.output([...indices.shape, depth], 'float32', 'OneHot');
  const iv = view(ctx.rt, src);
  const ov = view(ctx.rt, data);
  ov.fill(offValue);
  for (let i = 0; i < iv.length; i++) {
    const k = iv[i];
    if (k >= 0 && k < depth) ov[i * depth + k] = onValue;
  }
  return info;
};
