import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Elementwise maximum; NaN propagates, as torch.maximum. */
export const Maximum: ReferenceKernel<'Maximum'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => Math.max(a, b),
    (a, b) => Math.max(a, b),
  );
