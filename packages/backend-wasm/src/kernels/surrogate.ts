import { BackendError, type LIFSequenceAttrs } from '@snn/core';
import { type SurrogatePlan, surrogatePlan } from '../surrogate-program.js';
import { type WasmKernelContext, withTemp } from './kernel.js';

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

/**
 * Runs a fused gradient pass: with 0 where the plan has a fused formula, else with a table of
 * surrogate'(vd - vTh) over the `size` values at `vd`, evaluated first from the compiled program.
 */
export function withSurrogateTable(
  ctx: WasmKernelContext,
  kernel: string,
  plan: SurrogatePlan,
  vd: number,
  vTh: number,
  size: number,
  pass: (table: number) => void,
): void {
  if (plan.program === undefined) {
    pass(0);
    return;
  }
  const program = plan.program;
  withTemp(ctx, size * 4, kernel, (table) => {
    ctx.rt.call('snn_surrogate_eval', size * 8, ctx.rt.writeParams(program), vd, vTh, 0, table, size);
    pass(table);
  });
}

/** The fused LIF gradient kernels' last arguments: a, b, vTh, vReset, surrogate code, alpha, table, detach. */
export function lifGradArgs(attrs: LIFSequenceAttrs, plan: SurrogatePlan, table: number): number[] {
  return [
    attrs.dt * attrs.tauMemInv,
    attrs.dt * attrs.tauSynInv,
    attrs.vTh,
    attrs.vReset,
    plan.code,
    attrs.alpha,
    table,
    attrs.detachReset ? 1 : 0,
  ];
}
