import { comparison } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** bool AND bool -> bool. */
export const LogicalAnd: ReferenceKernel<'LogicalAnd'> = (inputs, _attrs, store) =>
  comparison(store, inputs, (a, b) => a !== 0 && b !== 0);
