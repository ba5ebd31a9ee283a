import { broadcastShapes } from '@snn/core';
import { broadcastOffsets, view } from './host.js';
import type { WasmKernel } from './kernel.js';
import { broadcastStrides, ndParams } from './nd-plan.js';

/** condition ? a : b with the three shapes broadcast together; the output has a's dtype. */
export const Where: WasmKernel<'Where'> = ({ condition, a, b }, _attrs, ctx) => {
  const shape = broadcastShapes(broadcastShapes(condition.shape, a.shape, 'where'), b.shape, 'where');
  const dc = ctx.data(condition, 'Where');
  const da = ctx.data(a, 'Where');
  const db = ctx.data(b, 'Where');
  const { info, data } = ctx.output(shape, a.dtype, 'Where');
  if (data.size === 0) return info;
  const strides = [condition, a, b].map((t) => broadcastStrides(t.shape, shape));
  if (a.dtype !== 'bool') {
    const nd = ctx.rt.writeParams(ndParams(shape, strides));
    ctx.rt.call('snn_where_32', data.size, dc.ptr, da.ptr, db.ptr, data.ptr, nd);
    return info;
  }
  const [ci, ai, bi] = strides.map((s) => broadcastOffsets(s, shape));
  const [cv, av, bv, ov] = [dc, da, db, data].map((d) => view(ctx.rt, d));
  for (let i = 0; i < ov.length; i++) ov[i] = cv[ci[i]] !== 0 ? av[ai[i]] : bv[bi[i]];
  return info;
};
