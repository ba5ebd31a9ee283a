import type { IFNodeParameters, LIFNodeParameters, Tensor } from '@snn/core';
import { IFNode, isExactly, LIFNode } from '@snn/modules';
import { OnnxExportError } from '../errors.js';
import type { Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';
import type { ExportContext, Stage } from './stage.js';

/*
 * SpikingJelly's IFNode and LIFNode (core/neuron/spikingjelly.ts), one step each, node for node:
 * charge, fire on h - vThreshold >= 0 (SpikingJelly's inclusive threshold), hard or soft reset. The
 * exported graph starts from the reset state, as a SpikingJelly network after `reset_net`.
 */

type Param = number | Tensor;

function nodeStage(
  name: string,
  kind: string,
  ctx: ExportContext,
  p: LIFNodeParameters,
  leaky: boolean,
): Stage {
  const vThreshold: Param = p.vThreshold ?? 1;
  const vReset: Param | null = p.vReset === undefined ? 0 : p.vReset;
  const tau: Param = p.tau ?? 2;
  if (leaky && typeof tau === 'number' && !(tau > 0)) {
    throw new OnnxExportError(`${name} (${kind}): tau must be > 0, got ${tau}`);
  }
  const decayInput = p.decayInput ?? true;
  const param = (v: Param, field: string) => ctx.param(v, `${name}.${field}`);
  const charge = (ops: Ops, x: Value, v0: Value): Value => {
    if (!leaky) return ops.add(v0, x, 'h');
    const t = param(tau, 'tau');
    if (decayInput) {
      const drive =
        vReset === null
          ? ops.sub(x, v0, 'drive')
          : ops.sub(x, ops.sub(v0, param(vReset, 'v_reset'), 'v_above_reset'), 'drive');
      return ops.add(v0, ops.div(drive, t, 'dv'), 'h');
    }
    if (vReset === null) {
      return ops.add(ops.mul(v0, ops.sub(1, ops.div(1, t, 'inv_tau'), 'decay'), 'decayed'), x, 'h');
    }
    const decayed = ops.sub(
      v0,
      ops.div(ops.sub(v0, param(vReset, 'v_reset'), 'v_above_reset'), t, 'dv'),
      'decayed',
    );
    return ops.add(decayed, x, 'h');
  };
  return {
    name,
    kind,
    plan: (input) => ({
      output: input,
      states: [
        {
          key: 'v',
          shape: input,
          init:
            vReset === null || typeof vReset === 'number'
              ? (vReset ?? 0)
              : { value: param(vReset, 'v_reset'), data: ctx.data(vReset) },
        },
      ],
    }),
    emit(ops, x, s) {
      const h = charge(ops, x, s.v);
      const th = param(vThreshold, 'v_threshold');
      const fire = ops.fire(h, th, true, 'spike');
      const spike = fire.spikes;
      let v: Value;
      if (vReset === null) v = ops.sub(h, ops.mul(spike, th, 'reset_by'), 'v');
      else if (vReset === 0) {
        // (1 - s)*h: h where no spike, 0 where one (one Where; see norse-cells' resetTo).
        v = ops.where(fire.fired, 0, h, 'v');
      } else {
        const kept = ops.mul(ops.sub(1, spike, 'not_spiked'), h, 'v_kept');
        v = ops.add(kept, ops.mul(spike, param(vReset, 'v_reset'), 'v_reset_part'), 'v');
      }
      return { out: spike, state: { v } };
    },
  };
}

/** The stage of a SpikingJelly neuron module, or undefined when `m` is none of them. */
export function spikingjellyStage(name: string, m: unknown, ctx: ExportContext): Stage | undefined {
  if (isExactly(m, IFNode)) return nodeStage(name, 'IFNode', ctx, m.p as IFNodeParameters, false);
  if (isExactly(m, LIFNode)) return nodeStage(name, 'LIFNode', ctx, m.p, true);
  return undefined;
}
