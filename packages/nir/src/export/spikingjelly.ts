import type { Tensor } from '@snn/core';
import { IFNode, isExactly, LIFNode, type Module } from '@snn/modules';
import { NirConversionError } from '../errors.js';
import { nirArray } from '../ir/graph.js';
import { type Cursor, float32Above, float32Below, type GraphBuilder } from './builder.js';

/*
 * SpikingJelly's nodes with a hard reset (v_reset a number), at the graph's dt D:
 *   LIFNode decay_input: h = v + (x - (v - v_reset))/tau -> LIF(tau_nir = tau D, r = 1, v_leak = v_reset)
 *   LIFNode not decay_input: h = v - (v - v_reset)/tau + x -> LIF(tau_nir = tau D, r = tau, v_leak = v_reset)
 *   IFNode: h = v + x -> IF(r = 1/D)
 * SpikingJelly fires on h >= v_threshold, NIR on v > v_threshold: the file holds the float32 just
 * below v_threshold, and for float32 membranes (h >= th) == (h > that), so the spikes are the same.
 * The soft reset (v_reset null: subtract the threshold in the spike's own step) is refused.
 */
export async function spikingjellyNodes(
  name: string,
  m: Module,
  cur: Cursor,
  b: GraphBuilder,
): Promise<Cursor | null> {
  if (!isExactly(m, LIFNode) && !isExactly(m, IFNode)) return null;
  const where = `${name} (${m.constructor.name})`;
  const p = m.p;
  const s = cur.shape;
  if (p.vReset === null) {
    throw new NirConversionError(
      `${where}: the soft reset (vReset null) subtracts the threshold in the spike's own step, which NIR's IF/LIF (reset to v_reset) cannot express; use a hard reset`,
    );
  }
  const vReset = await b.param((p.vReset ?? 0) as Tensor | number, s, where);
  const vTh = await b.param((p.vThreshold ?? 1) as Tensor | number, s, where, float32Below, float32Above);
  if (isExactly(m, IFNode)) {
    const tail = b.chain(cur, name, {
      type: 'IF',
      r: nirArray(1 / b.dt, s),
      v_threshold: vTh,
      v_reset: vReset,
    });
    return { tail, shape: s, spikes: true };
  }
  const lp = m.p;
  const tau = await b.param(
    (lp.tau ?? 2) as Tensor | number,
    s,
    where,
    (t) => t * b.dt,
    (t) => t / b.dt,
  );
  const r =
    lp.decayInput === false ? await b.param((lp.tau ?? 2) as Tensor | number, s, where) : nirArray(1, s);
  const tail = b.chain(cur, name, { type: 'LIF', tau, r, v_leak: vReset, v_threshold: vTh, v_reset: vReset });
  return { tail, shape: s, spikes: true };
}
