import { formatShape, ShapeError } from '@snn/core';
import type { TfKernel } from '../kernel-context.js';
import { sliceFast } from './slice-fast.js';

export const Slice: TfKernel<'Slice'> = (ctx, { x }, { begin, size }) => {
  const ok =
    begin.length === x.shape.length &&
    size.length === x.shape.length &&
    x.shape.every((d, i) => begin[i] >= 0 && size[i] >= 0 && begin[i] + size[i] <= d);
  if (!ok) {
    throw new ShapeError(
      `slice: begin ${formatShape(begin)} and size ${formatShape(size)} do not fit shape ${formatShape(x.shape)}`,
    );
  }
  // sliceFast: tfjs-wasm's own Slice costs O(input) (slice-fast.ts).
  return ctx.run(() => sliceFast(ctx.get(x), begin, size));
};
