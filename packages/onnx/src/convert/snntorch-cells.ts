import type { Tensor } from '@snn/core';
import { isExactly, Leaky } from '@snn/modules';
import type { Value } from '../graph/graph-builder.js';
import type { ExportContext, Stage } from './stage.js';

/*
 * snnTorch's Leaky (core/neuron/snntorch.ts leakyStep), node for node: the reset signal comes from
 * the membrane before the update (reset_delay), beta is clamped to [0, 1] as snnTorch does.
 */

function leakyStage(name: string, m: Leaky, ctx: ExportContext): Stage {
  const p = m.p;
  const reset = p.resetMechanism ?? 'subtract';
  return {
    name,
    kind: 'Leaky',
    plan: (input) => ({ output: input, states: [{ key: 'mem', shape: input, init: 0 }] }),
    emit(ops, x, s) {
      const threshold = ctx.param(p.threshold ?? 1, `${name}.threshold`);
      const beta: Value =
        typeof p.beta === 'number'
          ? ops.value(Math.min(1, Math.max(0, p.beta)))
          : ops.clip(ctx.tensor(p.beta as Tensor, `${name}.beta`), 0, 1, 'beta_clamped');
      const m0 = s.mem;
      const r = ops.fire(m0, threshold, false, 'reset').spikes;
      let next: Value;
      if (reset === 'subtract') {
        next = ops.sub(
          ops.add(ops.mul(m0, beta, 'decayed'), x, 'charged'),
          ops.mul(r, threshold, 'reset_by'),
          'mem',
        );
      } else if (reset === 'zero') {
        const kept = ops.mul(ops.sub(1, r, 'not_reset'), m0, 'kept');
        next = ops.add(ops.mul(kept, beta, 'decayed'), x, 'mem');
      } else {
        next = ops.add(ops.mul(m0, beta, 'decayed'), x, 'mem');
      }
      const spk = ops.fire(next, threshold, false, 'spk').spikes;
      if (p.resetDelay === false && reset !== 'none') {
        const doReset = ops.sub(spk, r, 'do_reset');
        next =
          reset === 'subtract'
            ? ops.sub(next, ops.mul(doReset, threshold, 'reset_now_by'), 'mem_reset')
            : ops.sub(next, ops.mul(doReset, next, 'reset_now_by'), 'mem_reset');
      }
      return { out: spk, state: { mem: next } };
    },
  };
}

/** The stage of an snnTorch neuron module, or undefined when `m` is none of them. */
export function snntorchStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, Leaky)) return leakyStage(name, m, ctx);
  return undefined;
}
