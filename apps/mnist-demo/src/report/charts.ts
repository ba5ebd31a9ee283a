/**
 * Vega-Lite specifications of the app's pictures, built from plain arrays (no tensors here, so the
 * charts can be tested and drawn without a backend).
 */
import type { TopLevelSpec } from 'vega-lite';

/** Spikes of one input image through one encoder: `spikes[t * neurons + n]` is 0 or 1. */
export interface RasterData {
  readonly encoder: string;
  readonly steps: number;
  readonly neurons: number;
  readonly spikes: ArrayLike<number>;
}

/** Time series of a few units of one layer, e.g. hidden voltages; `values[t * units + u]`. */
export interface TraceData {
  readonly label: string;
  readonly steps: number;
  readonly units: number;
  readonly values: ArrayLike<number>;
}

export interface LossPoint {
  /** Training samples seen so far (all epochs). */
  readonly samples: number;
  readonly epoch: number;
  readonly loss: number;
}

export interface AccuracyPoint {
  readonly epoch: number;
  readonly accuracy: number;
  readonly split: 'train' | 'test';
}

const WIDTH = 360;
const HEIGHT = 220;
const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white' } as const;

/** One raster per encoder side by side: x = time step, y = input neuron (pixel), a dot per spike. */
export function rasterSpec(rasters: readonly RasterData[], title: string): TopLevelSpec {
  const values: { encoder: string; t: number; neuron: number }[] = [];
  for (const r of rasters) {
    for (let t = 0; t < r.steps; t++) {
      for (let n = 0; n < r.neurons; n++) {
        if (r.spikes[t * r.neurons + n] !== 0) values.push({ encoder: r.encoder, t, neuron: n });
      }
    }
  }
  return {
    ...base,
    title,
    data: { values },
    facet: {
      column: { field: 'encoder', type: 'nominal', title: null, sort: rasters.map((r) => r.encoder) },
    },
    spec: {
      width: 240,
      height: 300,
      mark: { type: 'tick', orient: 'horizontal', thickness: 1.5, size: 4 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time step', scale: { nice: false } },
        y: {
          field: 'neuron',
          type: 'quantitative',
          title: 'input neuron (pixel)',
          scale: { domain: [0, 784] },
        },
      },
    },
  } as TopLevelSpec;
}

/**
 * Line charts of unit traces, one panel per trace set (e.g. "hidden voltage, before training"),
 * each unit its own colour.
 */
export function traceSpec(traces: readonly TraceData[], title: string, yTitle: string): TopLevelSpec {
  const values: { panel: string; t: number; unit: string; value: number }[] = [];
  for (const tr of traces) {
    for (let t = 0; t < tr.steps; t++) {
      for (let u = 0; u < tr.units; u++) {
        values.push({ panel: tr.label, t, unit: String(u), value: tr.values[t * tr.units + u] });
      }
    }
  }
  return {
    ...base,
    title,
    data: { values },
    facet: { column: { field: 'panel', type: 'nominal', title: null, sort: traces.map((t) => t.label) } },
    resolve: { scale: { y: 'shared' } },
    spec: {
      width: 300,
      height: 200,
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time step' },
        y: { field: 'value', type: 'quantitative', title: yTitle },
        color: { field: 'unit', type: 'nominal', title: 'unit', legend: { columns: 2 } },
      },
    },
  } as TopLevelSpec;
}

/** Training loss against samples seen (one point per batch), with the epoch as colour. */
export function lossCurveSpec(points: readonly LossPoint[]): TopLevelSpec {
  return {
    ...base,
    title: 'training loss',
    width: WIDTH,
    height: HEIGHT,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'samples', type: 'quantitative', title: 'training samples seen' },
      y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: false } },
      color: { field: 'epoch', type: 'ordinal', title: 'epoch' },
    },
  } as TopLevelSpec;
}

/** Accuracy (percent) after each epoch, test and train as two lines. */
export function accuracyCurveSpec(points: readonly AccuracyPoint[]): TopLevelSpec {
  return {
    ...base,
    title: 'accuracy after each epoch',
    width: WIDTH,
    height: HEIGHT,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
      color: { field: 'split', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

/** Histograms of one learnable neuron parameter before and after training, overlaid. */
export function parameterHistogramSpec(
  name: string,
  before: ArrayLike<number>,
  after: ArrayLike<number>,
): TopLevelSpec {
  const values = [
    ...Array.from(before, (value) => ({ when: 'before training', value })),
    ...Array.from(after, (value) => ({ when: 'after training', value })),
  ];
  return {
    ...base,
    title: `${name} per neuron`,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar', opacity: 0.6, binSpacing: 0 },
    encoding: {
      x: { field: 'value', type: 'quantitative', bin: { maxbins: 30 }, title: name },
      y: { aggregate: 'count', type: 'quantitative', title: 'neurons', stack: null },
      color: { field: 'when', type: 'nominal', title: null, sort: ['before training', 'after training'] },
    },
  } as TopLevelSpec;
}
