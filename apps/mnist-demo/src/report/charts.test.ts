import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyCurveSpec, lossCurveSpec, parameterHistogramSpec, rasterSpec, traceSpec } from './charts.js';
import { writeHtmlReport } from './html-report.js';
import { specToSvg, writeChart } from './render.js';

function dataOf(spec: object): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}

describe('charts', () => {
  test('a raster has one mark per spike, at its time step and neuron', () => {
    const spikes = new Uint8Array(3 * 784);
    spikes[0 * 784 + 5] = 1;
    spikes[2 * 784 + 700] = 1;
    const spec = rasterSpec([{ encoder: 'poisson', steps: 3, neurons: 784, spikes }], 'input');
    expect(dataOf(spec)).toEqual([
      { encoder: 'poisson', t: 0, neuron: 5 },
      { encoder: 'poisson', t: 2, neuron: 700 },
    ]);
  });

  test('traces are unrolled as (t, unit) rows from the [T, units] layout', () => {
    const spec = traceSpec([{ label: 'before', steps: 2, units: 2, values: [1, 2, 3, 4] }], 'v', 'voltage');
    expect(dataOf(spec).map((r) => [r.t, r.unit, r.value])).toEqual([
      [0, '0', 1],
      [0, '1', 2],
      [1, '0', 3],
      [1, '1', 4],
    ]);
  });

  test('an encoder that produced no spike keeps its panel, which says so', async () => {
    const spikes = new Uint8Array(4 * 784);
    spikes[784 + 3] = 1;
    const svg = await specToSvg(
      rasterSpec(
        [
          { encoder: 'rate (this run)', steps: 4, neurons: 784, spikes },
          { encoder: 'spike-latency', steps: 4, neurons: 784, spikes: new Uint8Array(4 * 784) },
        ],
        'input',
      ),
    );
    expect(svg).toContain('rate (this run)');
    expect(svg).toContain('spike-latency');
    expect(svg).toContain('no spikes in 4 steps');
  });

  test('a one-epoch accuracy chart has one epoch tick and percent labels', async () => {
    const svg = await specToSvg(accuracyCurveSpec([{ epoch: 1, accuracy: 92.38, split: 'test' }]));
    const labels = (axis: 'X' | 'Y') => {
      const body =
        new RegExp(`aria-label="${axis}-axis[^"]*"([\\s\\S]*?)role-axis-title`).exec(svg)?.[1] ?? '';
      return [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    };
    expect(labels('X')).toEqual(['1']);
    expect(labels('Y').length).toBeGreaterThanOrEqual(3);
    for (const label of labels('Y')) expect(label).toMatch(/^\d+(\.\d+)?%$/);
    expect(svg).toContain('>92.4%</text>'); // the point's own label
  });

  test('charts render to SVG with their axis titles', async () => {
    const svg = await specToSvg(
      lossCurveSpec([
        { samples: 256, epoch: 1, loss: 2.3 },
        { samples: 512, epoch: 1, loss: 1.9 },
      ]),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('training samples seen');
    const hist = await specToSvg(parameterHistogramSpec('vTh', [0.4, 0.5, 0.6], [0.45, 0.5, 0.7]));
    expect(hist).toContain('vTh');
  });

  test('writeChart writes an SVG and a PNG, and the report inlines the SVG', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mnist-demo-charts-'));
    try {
      const chart = await writeChart(
        dir,
        'accuracy',
        'Accuracy',
        accuracyCurveSpec([
          { epoch: 1, accuracy: 90, split: 'test' },
          { epoch: 2, accuracy: 93, split: 'test' },
        ]),
      );
      const png = await readFile(chart.pngPath);
      expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(png.length).toBeGreaterThan(1000);
      expect(await readFile(chart.svgPath, 'utf8')).toBe(chart.svg);
      const html = await readFile(
        await writeHtmlReport(dir, 'run <1>', { model: 'x', test_accuracy: 93 }, [chart]),
        'utf8',
      );
      expect(html).toContain('<svg');
      expect(html).toContain('run &#60;1&#62;');
      expect(html).toContain('href="accuracy.png"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('trace recorder', () => {
  test('keeps the first units of a hidden layer and every class of a readout', async () => {
    const { tensor } = await import('@snn/core');
    const { TraceRecorder } = await import('../models/trace-recorder.js');
    const recorder = new TraceRecorder(8);
    for (let t = 0; t < 2; t++) {
      recorder.record('hidden voltage', tensor(new Float32Array(100).fill(t), [1, 100]));
      recorder.record('readout voltage', tensor(new Float32Array(10).fill(t), [1, 10]), 10);
    }
    const traces = await recorder.collect();
    expect(traces.get('hidden voltage')?.units).toBe(8);
    expect(traces.get('readout voltage')?.units).toBe(10);
  });
});
