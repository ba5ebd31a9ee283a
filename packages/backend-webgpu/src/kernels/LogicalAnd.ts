import { ArgumentError } from '@snn/core';
import { comparison } from './binary-ops.js';
import type { WebGPUKernel } from './kernel.js';

/** bool AND bool -> bool. */
export const LogicalAnd: WebGPUKernel<'LogicalAnd'> = (backend, { a, b }) => {
  if (a.dtype !== 'bool' || b.dtype !== 'bool') {
    throw new ArgumentError(`LogicalAnd: expects bool operands, got ${a.dtype} and ${b.dtype}`);
  }
  return comparison(backend, 'LogicalAnd', a, b);
};
