import type { TfKernel } from '../kernel-context.js';
import { broadcastFast } from './helpers.js';

export const BroadcastTo: TfKernel<'BroadcastTo'> = (ctx, { x }, { shape }) => {
  return ctx.run(() => broadcastFast(ctx.get(x), shape));
};
