import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { WrittenChart } from './render.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One self-contained HTML page: the run's numbers as a table, then every chart (the SVG inlined, so
 * the page works when copied alone, with a link to the PNG beside it).
 */
export function renderHtmlReport(
  title: string,
  summary: Readonly<Record<string, string | number | boolean | null>>,
  charts: readonly WrittenChart[],
): string {
  const rows = Object.entries(summary)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join('\n');
  const figures = charts
    .map(
      (c) => `<figure id="${escapeHtml(c.name)}">
<figcaption>${escapeHtml(c.title)} (<a href="${escapeHtml(basename(c.pngPath))}">PNG</a>, <a href="${escapeHtml(basename(c.svgPath))}">SVG</a>)</figcaption>
${c.svg.replace(/^<\?xml[^>]*>\s*/, '')}
</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
th { background: #f4f4f4; }
figure { margin: 0 0 2.5rem 0; }
figcaption { font-weight: 600; margin-bottom: 0.5rem; }
svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<table>
${rows}
</table>
${figures}
</body>
</html>
`;
}

export async function writeHtmlReport(
  dir: string,
  title: string,
  summary: Readonly<Record<string, string | number | boolean | null>>,
  charts: readonly WrittenChart[],
): Promise<string> {
  const path = join(dir, 'report.html');
  await writeFile(path, renderHtmlReport(title, summary, charts));
  return path;
}
