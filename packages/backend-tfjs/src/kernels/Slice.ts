import type { TfKernel } from '../kernel-context.js';
import { sliceFast } from './slice-fast.js';

export const Slice: TfKernel<'Slice'> = (ctx, { x }, { begin, size }) => {
  // sliceFast: tfjs-wasm's own Slice costs O(input) (slice-fast.ts).
  return ctx.run(() => sliceFast(ctx.get(x), begin, size));
};
