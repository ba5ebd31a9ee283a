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

/**
 * One raster per encoder side by side: x = time step, y = input neuron (pixel), a dot per spike. An
 * encoder that produced no spike keeps its panel, which says so (a dropped panel would hide it).
 */
export function rasterSpec(rasters: readonly RasterData[], title: string): TopLevelSpec {
  const values: { encoder: string; t?: number; neuron?: number; note?: string }[] = [];
  for (const r of rasters) {
    let spikes = 0;
    for (let t = 0; t < r.steps; t++) {
      for (let n = 0; n < r.neurons; n++) {
        if (r.spikes[t * r.neurons + n] !== 0) {
          values.push({ encoder: r.encoder, t, neuron: n });
          spikes += 1;
        }
      }
    }
    if (spikes === 0) values.push({ encoder: r.encoder, note: `no spikes in ${r.steps} steps` });
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
      layer: [
        {
          transform: [{ filter: 'isValid(datum.t)' }],
          mark: { type: 'tick', orient: 'horizontal', thickness: 1.5, size: 4 },
          encoding: {
            x: {
              field: 't',
              type: 'quantitative',
              title: 'time step',
              scale: { domain: [0, Math.max(1, ...rasters.map((r) => r.steps - 1))], nice: false },
            },
            y: {
              field: 'neuron',
              type: 'quantitative',
              title: 'input neuron (pixel)',
              scale: { domain: [0, 784] },
            },
          },
        },
        {
          transform: [{ filter: 'isValid(datum.note)' }],
          mark: { type: 'text', fontSize: 13, color: '#a33' },
          encoding: { text: { field: 'note' }, x: { value: 120 }, y: { value: 150 } },
        },
      ],
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

/**
 * Accuracy (percent) after each epoch, test and train as lines with each point labelled. The epoch
 * axis has one tick per epoch (a single epoch is one tick, not 0.8 ... 1.2), the accuracy axis says %.
 */
export function accuracyCurveSpec(points: readonly AccuracyPoint[]): TopLevelSpec {
  const epochs = [...new Set(points.map((p) => p.epoch))].sort((a, b) => a - b);
  const last = epochs.length > 0 ? epochs[epochs.length - 1] : 1;
  const step = Math.max(1, Math.ceil(epochs.length / 12));
  const x = {
    field: 'epoch',
    type: 'quantitative',
    title: 'epoch',
    scale: { domain: [Math.min(0.5, (epochs[0] ?? 1) - 0.5), last + 0.5], nice: false, zero: false },
    axis: { values: epochs.filter((_, i) => i % step === 0), format: 'd' },
  } as const;
  const y = {
    field: 'accuracy',
    type: 'quantitative',
    title: 'accuracy (%)',
    // A few points either side, so one epoch (or a flat curve) still gets an axis with several ticks.
    scale: {
      domain: [
        Math.max(0, Math.floor(Math.min(...points.map((p) => p.accuracy), 100)) - 2),
        Math.min(100, Math.ceil(Math.max(...points.map((p) => p.accuracy), 0)) + 2),
      ],
      nice: false,
    },
    axis: { labelExpr: "format(datum.value, '.3~r') + '%'" },
  } as const;
  return {
    ...base,
    title: 'accuracy after each epoch',
    width: WIDTH,
    height: HEIGHT,
    data: { values: points.map((p) => ({ ...p, label: `${p.accuracy.toFixed(1)}%` })) },
    encoding: { x, y, color: { field: 'split', type: 'nominal', title: null } },
    layer: [
      { mark: { type: 'line', point: true } },
      ...(points.length <= 20
        ? [{ mark: { type: 'text', dy: -10, fontSize: 11 }, encoding: { text: { field: 'label' } } }]
        : []),
    ],
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
