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

  /** Builds the three figures into `host`; `what` names the sample in the pictures' labels. */
  constructor(host: HTMLElement, what: string) {
    const figure = (content: HTMLElement, caption: string, wide = false) => {
      const f = document.createElement('figure');
      if (wide) f.className = 'wide';
      const c = document.createElement('figcaption');
      c.textContent = caption;
      f.append(content, c);
      host.append(f);
      return c;
    };
    const canvas = (className: string, label: string) => {
      const c = document.createElement('canvas');
      c.className = `${className} raster`;
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', label);
      return c;
    };
    this.input = canvas('input-raster', `input spikes of ${what}`);
    this.hidden = canvas('hidden-raster', `hidden layer spikes of ${what}`);
    const chart = document.createElement('div');
    chart.className = 'readout-chart chart';
    this.inputCaption = figure(this.input, 'input spikes');
    this.hiddenCaption = figure(this.hidden, 'hidden layer spikes');
    this.readoutCaption = figure(chart, 'readout voltages', true);
    this.readout = new LineChart(chart, {
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
