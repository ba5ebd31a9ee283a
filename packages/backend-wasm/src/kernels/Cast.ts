import { view } from './host.js';
import type { WasmKernel } from './kernel.js';

/** Codes of snn_cast (csrc/elementwise.c), by `${from}>${to}`. */
const WASM_CAST: Readonly<Record<string, number>> = {
  'bool>float32': 0,
  'bool>int32': 1,
  'float32>bool': 2,
  'int32>float32': 3,
};

/**
 * float32 -> int32 truncates toward zero and wraps like Int32Array (NaN gives 0); anything -> bool
 * is x !== 0 (NaN is true); bool -> numbers is 0/1. The common ones (a comparison's bool to spikes)
 * in wasm; float32 -> int32 and copies through typed-array conversion on the host.
 */
export const Cast: WasmKernel<'Cast'> = ({ x }, { dtype }, ctx) => {
  const src = ctx.data(x, 'Cast');
  const { info, data } = ctx.output(x.shape, dtype, 'Cast');
  if (data.size === 0) return info;
  const code = WASM_CAST[`${x.dtype}>${dtype}`];
  if (code !== undefined) {
    ctx.rt.call('snn_cast', data.size, code, src.ptr, data.ptr, data.size);
    return info;
  }
  const sv = view(ctx.rt, src);
  const ov = view(ctx.rt, data);
  if (dtype === 'bool' && x.dtype !== 'bool') {
    for (let i = 0; i < sv.length; i++) ov[i] = sv[i] !== 0 ? 1 : 0;
  } else {
    ov.set(sv);
  }
  return info;
};
