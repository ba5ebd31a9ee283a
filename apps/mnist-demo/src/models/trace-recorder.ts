import { keep, slice, type Tensor } from '@snn/core';
import type { TraceData } from '../report/charts.js';

/**
 * Collects, step by step, the first `units` neurons of sample 0 of named layer quantities (hidden
 * voltage, current, readout voltage) for the trace pictures. Used only outside training (no tape).
 */
export class TraceRecorder {
  private readonly steps = new Map<string, Tensor[]>();

  constructor(readonly units = 8) {}

  /**
   * Spike trains ([batch, neurons] 0/1 at one step) for rasters. Networks call it when a recorder
   * has it: this one draws traces and leaves it out; the web app's recorder keeps whole layers.
   */
  recordSpikes?(name: string, spikes: Tensor): void;

  /**
   * `value` is [batch, neurons] (or [batch, ...], flattened by the caller) at one time step; the
   * first `units` neurons are kept (a readout passes all of its classes).
   */
  record(name: string, value: Tensor, units = this.units): void {
    const n = Math.min(units, value.shape[1]);
    const row = keep(slice(value, [0, 0], [1, n]));
    const list = this.steps.get(name);
    if (list) list.push(row);
    else this.steps.set(name, [row]);
  }

  /** Read everything back as [T, units] series, labelled `name + suffix`, and free the tensors. */
  async collect(suffix = ''): Promise<Map<string, TraceData>> {
    const out = new Map<string, TraceData>();
    for (const [name, rows] of this.steps) {
      const units = rows[0].shape[1];
      const values = new Float32Array(rows.length * units);
      for (let t = 0; t < rows.length; t++) {
        values.set((await rows[t].data()) as Float32Array, t * units);
        rows[t].dispose();
      }
      out.set(name, { label: `${name}${suffix}`, steps: rows.length, units, values });
    }
    this.steps.clear();
    return out;
  }
}
