import { keep, slice, type Tensor } from '@snn/core';
import { TraceRecorder } from 'mnist-demo/shared';
import type { Grid } from '../protocol.js';

/** Hidden units shown in the raster (snnTorch's hidden layer has 1,000: the first 200 stay readable). */
export const MAX_HIDDEN_UNITS = 200;

/**
 * Keeps, step by step, sample 0 of what the network reports: a hidden layer's spikes (all its units up
 * to MAX_HIDDEN_UNITS) and the readout layer's voltages (all 10 classes). Used without gradients.
 */
export class ActivityRecorder extends TraceRecorder {
  private readonly rows = new Map<string, Tensor[]>();

  constructor() {
    super(10);
  }

  /** Readout/output voltages (the networks name them so); hidden voltages and currents are left out. */
  override record(name: string, value: Tensor): void {
    if (/readout|output/.test(name)) this.keepRow(`${name}`, value, 10);
  }

  override recordSpikes(name: string, spikes: Tensor): void {
    this.keepRow(name, spikes, MAX_HIDDEN_UNITS);
  }

  private keepRow(name: string, value: Tensor, maxUnits: number): void {
    const units = Math.min(maxUnits, value.size / value.shape[0]);
    const row = keep(slice(value.reshape([value.shape[0], -1]), [0, 0], [1, units]));
    const list = this.rows.get(name);
    if (list) list.push(row);
    else this.rows.set(name, [row]);
  }

  /** The recorded series: the first spike series and the first voltage series, as grids. Frees them. */
  async grids(): Promise<{ hidden: Grid; readout: Grid }> {
    const out: Grid[] = [];
    for (const [label, rows] of this.rows) {
      const units = rows[0].shape[1];
      const values = new Float32Array(rows.length * units);
      for (let t = 0; t < rows.length; t++) {
        values.set((await rows[t].data()) as Float32Array, t * units);
        rows[t].dispose();
      }
      out.push({ label, steps: rows.length, units, values });
    }
    this.rows.clear();
    const empty = (label: string): Grid => ({ label, steps: 0, units: 0, values: new Float32Array() });
    return {
      hidden: out.find((g) => g.label.endsWith('spikes')) ?? empty('hidden spikes'),
      readout: out.find((g) => !g.label.endsWith('spikes')) ?? empty('readout voltage'),
    };
  }
}
