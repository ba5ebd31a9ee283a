import { BackendError } from '@snn/core';
import { type SurrogatePlan, surrogatePlan } from '../surrogate-program.js';

/**
 * The plan for a surrogate kernel's call. Core sends only surrogates `supportsSurrogate` accepts, so
 * a missing plan is a bug in this backend, not bad input.
 */
export function surrogateOf(kernel: string, name: string, alpha: number): SurrogatePlan {
  const plan = surrogatePlan(name, alpha);
  if (plan === undefined) {
    throw new BackendError(
      `backend 'wasm': ${kernel} called with surrogate '${name}', which it does not support`,
    );
  }
  return plan;
}
