import { ArgumentError } from '../../../errors.js';
import { comparison } from '../elementwise.js';
import type { ReferenceKernel } from '../reference-kernel.js';

/** bool AND bool -> bool. */
export const LogicalAnd: ReferenceKernel<'LogicalAnd'> = (inputs, _attrs, store) => {
  if (inputs.a.dtype !== 'bool' || inputs.b.dtype !== 'bool') {
    throw new ArgumentError(`LogicalAnd: expects bool operands, got ${inputs.a.dtype} and ${inputs.b.dtype}`);
  }
  return comparison(store, inputs, 'LogicalAnd', (a, b) => a !== 0 && b !== 0);
};
