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
