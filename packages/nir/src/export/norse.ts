import {
  IAFCell,
  isExactly,
  LI,
  LICell,
  LIF,
  LIFBoxCell,
  LIFCell,
  LIFRecurrentCell,
  LILinearCell,
  type Module,
} from '@snn/modules';
import { nirArray } from '../ir/graph.js';
import type { Cursor, GraphBuilder, ParamValue } from './builder.js';

/*
 * Norse's cells, exactly, at the graph's dt D for a cell stepping with its own dt d:
 *   LIFBoxCell  -> LIF(tau = D/(d tau_mem_inv), r = 1, v_leak, v_th, v_reset)
 *   LICell, LI  -> CubaLI(tau_syn = D/(d tau_syn_inv), tau_mem, r = 1, v_leak, w_in = 1/(d tau_syn_inv))
 *   LIFRecurrentCell -> Linear(input_weights) -> CubaLIF(same, + v_th, v_reset) <-> Linear(recurrent_weights)
 *   LIFCell, LIF -> Delay(D) -> CubaLIF (Norse's feed-forward step decays with the old current and adds
 *                  the input after firing: the input reaches the membrane one step later than in NIR's
 *                  Euler step, which the Delay makes explicit)
 *   IAFCell     -> IF(r = 1/D, v_th, v_reset)
 * NIR's Euler step of CubaLI/CubaLIF adds (D/tau_syn) w_in S to the current and integrates the new
 * current: with w_in = tau_syn/D that is Norse's jump i += input, then v += d tau_mem_inv (v_leak - v + i).
 */

async function cuba(
  b: GraphBuilder,
  cell: { p: object; dt: number },
  shape: readonly number[],
  where: string,
  spiking: boolean,
) {
  const p = cell.p as unknown as Record<string, ParamValue>;
  const d = cell.dt;
  const D = b.dt;
  const base = {
    tau_syn: await b.param(
      p.tauSynInv,
      shape,
      where,
      (x) => D / (d * x),
      (t) => D / (d * t),
    ),
    tau_mem: await b.param(
      p.tauMemInv,
      shape,
      where,
      (x) => D / (d * x),
      (t) => D / (d * t),
    ),
    r: nirArray(1, shape),
    v_leak: await b.param(p.vLeak, shape, where),
    w_in: await b.param(
      p.tauSynInv,
      shape,
      where,
      (x) => 1 / (d * x),
      (w) => 1 / (d * w),
    ),
  };
  if (!spiking) return { type: 'CubaLI' as const, ...base };
  return {
    type: 'CubaLIF' as const,
    ...base,
    v_threshold: await b.param(p.vTh, shape, where),
    v_reset: await b.param(p.vReset, shape, where),
  };
}

export async function norseNodes(
  name: string,
  m: Module,
  cur: Cursor,
  b: GraphBuilder,
): Promise<Cursor | null> {
  const where = `${name} (${m.constructor.name})`;
  if (isExactly(m, LIFCell) || isExactly(m, LIF)) {
    const delay = b.chain(cur, `${name}_delay`, { type: 'Delay', delay: nirArray(b.dt, cur.shape) });
    const tail = b.chain({ ...cur, tail: delay }, name, await cuba(b, m, cur.shape, where, true));
    return { tail, shape: cur.shape, spikes: true };
  }
  if (isExactly(m, LICell) || isExactly(m, LI)) {
    return {
      tail: b.chain(cur, name, await cuba(b, m, cur.shape, where, false)),
      shape: cur.shape,
      spikes: false,
    };
  }
  if (isExactly(m, LILinearCell)) {
    const proj = b.chain(cur, `${name}_input`, {
      type: 'Linear',
      weight: await b.weight(m.input_weights.value),
    });
    const shape = [m.hiddenSize];
    const tail = b.chain({ ...cur, tail: proj }, name, await cuba(b, m, shape, where, false));
    return { tail, shape, spikes: false };
  }
  if (isExactly(m, LIFRecurrentCell)) {
    const shape = [m.hiddenSize];
    const proj = b.chain(cur, `${name}_input`, {
      type: 'Linear',
      weight: await b.weight(m.input_weights.value),
    });
    const neuron = b.chain({ ...cur, tail: proj }, name, await cuba(b, m, shape, where, true));
    // Without autapses the cell masks the diagonal: the file holds the weights it steps with.
    const rec = await b.weight(m.recurrent_weights.value);
    if (!m.autapses) {
      for (let k = 0; k < m.hiddenSize; k++) rec.data[k * m.hiddenSize + k] = 0;
      // the diagonal is not the cell's: reading the file back leaves the cell's own values there
      const source = b.sources.get(rec);
      if (source) source.skip = (k) => k % (m.hiddenSize + 1) === 0;
    }
    const recurrent = b.chain({ ...cur, tail: neuron }, `${name}_recurrent`, { type: 'Linear', weight: rec });
    b.edge(recurrent, neuron);
    return { tail: neuron, shape, spikes: true };
  }
  if (isExactly(m, LIFBoxCell)) {
    const p = m.p as unknown as Record<string, ParamValue>;
    const s = cur.shape;
    const tail = b.chain(cur, name, {
      type: 'LIF',
      tau: await b.param(
        p.tauMemInv,
        s,
        where,
        (x) => b.dt / (m.dt * x),
        (t) => b.dt / (m.dt * t),
      ),
      r: nirArray(1, s),
      v_leak: await b.param(p.vLeak, s, where),
      v_threshold: await b.param(p.vTh, s, where),
      v_reset: await b.param(p.vReset, s, where),
    });
    return { tail, shape: s, spikes: true };
  }
  if (isExactly(m, IAFCell)) {
    const p = m.p as unknown as Record<string, ParamValue>;
    const s = cur.shape;
    const tail = b.chain(cur, name, {
      type: 'IF',
      r: nirArray(1 / b.dt, s),
      v_threshold: await b.param(p.vTh, s, where),
      v_reset: await b.param(p.vReset, s, where),
    });
    return { tail, shape: s, spikes: true };
  }
  return null;
}
