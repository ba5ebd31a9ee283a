import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { makeDirectory } from '@snn/modules/node';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Vega-Lite -> Vega -> SVG text, headless (no canvas, no browser). */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterize an SVG at twice its size (crisp on high-density screens) with the system's fonts. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

export interface WrittenChart {
  readonly name: string;
  readonly title: string;
  readonly svgPath: string;
  readonly pngPath: string;
  readonly svg: string;
}

/** Write `<name>.svg` and `<name>.png` into `dir`. */
export async function writeChart(
  dir: string,
  name: string,
  title: string,
  spec: TopLevelSpec,
): Promise<WrittenChart> {
  await makeDirectory(dir);
  const svg = await specToSvg(spec);
  const svgPath = join(dir, `${name}.svg`);
  const pngPath = join(dir, `${name}.png`);
  await writeFile(svgPath, svg);
  await writeFile(pngPath, svgToPng(svg));
  return { name, title, svgPath, pngPath, svg };
}
