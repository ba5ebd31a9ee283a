import { arithmetic } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** Elementwise minimum; NaN propagates, as torch.minimum. */
export const Minimum: ReferenceKernel<'Minimum'> = (inputs, _attrs, store) =>
  arithmetic(
    store,
    inputs,
    (a, b) => Math.min(a, b),
    (a, b) => Math.min(a, b),
  );
