import type { Activity } from '../protocol.js';
import { LineChart } from './line-chart.js';
import { drawGrid } from './raster.js';

/**
 * One sample through the network, as the Norse tutorial plots it: the input spikes, a hidden
 * layer's spikes, and the readout voltages of the ten classes over time.
 */
export class ActivityView {
  private readonly input: HTMLCanvasElement;
  private readonly hidden: HTMLCanvasElement;
  private readonly inputCaption: HTMLElement;
  private readonly hiddenCaption: HTMLElement;
  private readonly readout: LineChart;
  private readonly readoutCaption: HTMLElement;

  constructor(root: HTMLElement) {
    const q = <T extends Element>(sel: string) => root.querySelector(sel) as T;
    this.input = q('.input-raster');
    this.hidden = q('.hidden-raster');
    this.inputCaption = q('.input-caption');
    this.hiddenCaption = q('.hidden-caption');
    this.readoutCaption = q('.readout-caption');
    this.readout = new LineChart(q('.readout-chart'), {
      x: 'time step',
      y: 'voltage',
      series: Array.from({ length: 10 }, (_, d) => ({ label: String(d) })),
      height: 180,
    });
  }

  show(a: Activity): void {
    drawGrid(this.input, a.input);
    drawGrid(this.hidden, a.hidden);
    this.inputCaption.textContent = `${a.input.label}: ${a.input.units} inputs x ${a.input.steps} steps`;
    this.hiddenCaption.textContent = `${a.hidden.label}: ${a.hidden.units} neurons x ${a.hidden.steps} steps`;
    this.readoutCaption.textContent = `${a.readout.label} of the 10 output neurons (one line per digit)`;
    const { steps, units, values } = a.readout;
    const x = Array.from({ length: steps }, (_, t) => t);
    const ys = Array.from({ length: units }, (_, u) => x.map((t) => values[t * units + u]));
    this.readout.set(x, ...ys);
  }
}
