import type { PresetName } from '../../presets.js';
import type { Figure, Phase } from './figure.js';
import type { Job } from './plan.js';

/** A finished job: its figure, or why there is none. */
export interface Outcome {
  readonly job: Job;
  readonly figure?: Figure;
  readonly error?: string;
}

/** Samples/s as people read them: thousands separated, one decimal below 100. */
export function formatRate(x: number): string {
  if (x < 100) return x.toFixed(1);
  return Math.round(x).toLocaleString('en-US');
}

/** A figure with its peak RSS beside it, e.g. "1,234 (512 MB)", or "1,234 (2 threads, 512 MB)". */
function cell(f: Figure, withThreads: boolean): string {
  const threads =
    withThreads && f.threads !== null ? `${f.threads} thread${f.threads === 1 ? '' : 's'}, ` : '';
  return `${formatRate(f.samples_per_s)} (${threads}${Math.round(f.peak_rss_mb)} MB)`;
}

/** Of two baseline outcomes for one subject figure, the faster (a failed one only when both failed). */
function better(a: Outcome | undefined, b: Outcome): Outcome {
  if (!a) return b;
  if (!b.figure) return a;
  return !a.figure || b.figure.samples_per_s > a.figure.samples_per_s ? b : a;
}

/** The ratio of two figures' throughputs, as "0.27". */
export function ratio(subject: Figure | undefined, baseline: Figure | undefined): string {
  if (!subject || !baseline || baseline.samples_per_s <= 0) return '-';
  return (subject.samples_per_s / baseline.samples_per_s).toFixed(2);
}

interface Row {
  readonly net: PresetName;
  readonly label: string;
  readonly threads: number | null;
  readonly cells: Map<Phase, { subject?: Outcome; baseline?: Outcome }>;
}

const PHASE_TITLE: Record<Phase, string> = { train: 'train', infer: 'inference' };

/**
 * The markdown table of a run: one row per network and subject backend, each phase as our samples/s,
 * the baseline's (PyTorch's, the fastest of its thread counts) measured right after it, and their
 * ratio, every figure with its peak RSS. Failed figures point to a numbered note under the table. `batchOf` gives the preset's batch
 * size, so a row measured at another one says so.
 */
export function markdownTable(
  outcomes: readonly Outcome[],
  phases: readonly Phase[],
  batchOf: (net: PresetName) => number,
  baselineName = 'PyTorch',
): string {
  const rows = new Map<string, Row>();
  const notes: string[] = [];
  const show = (o: Outcome | undefined, withThreads = false): string => {
    if (!o) return '-';
    if (o.figure) return cell(o.figure, withThreads);
    notes.push(`${o.job.net}, ${o.job.target.runner}/${o.job.target.backend}, ${o.job.phase}: ${o.error}`);
    return `failed [${notes.length}]`;
  };
  const rowOf = (o: Outcome): Row => {
    const t = o.job.target;
    const key = `${o.job.net}|${t.runner}|${t.backend}|${t.threads}`;
    let row = rows.get(key);
    if (!row) {
      const label = t.runner === 'ours' ? t.backend : `${t.runner}: ${t.backend}`;
      row = { net: o.job.net, label, threads: t.threads, cells: new Map() };
      rows.set(key, row);
    }
    return row;
  };
  for (const o of outcomes) {
    if (o.job.pairs) {
      const subject = outcomes.find((s) => s.job === o.job.pairs);
      if (subject) {
        const cells = rowOf(subject).cells;
        cells.set(o.job.phase, { subject, baseline: better(cells.get(o.job.phase)?.baseline, o) });
      }
    } else if (!outcomes.some((b) => b.job.pairs === o.job)) {
      // A subject without a baseline figure, or a baseline measured alone (no subject for this net).
      const row = rowOf(o);
      if (!row.cells.has(o.job.phase)) row.cells.set(o.job.phase, { subject: o });
    }
  }
  const head = ['network', 'backend', 'threads'];
  for (const p of phases)
    head.push(
      `${PHASE_TITLE[p]} samples/s (peak RSS)`,
      `${baselineName} ${PHASE_TITLE[p]}`,
      `/ ${baselineName}`,
    );
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const row of rows.values()) {
    const sizes = new Set(
      [...row.cells.values()].flatMap((c) => [c.subject?.figure?.batch_size, c.baseline?.figure?.batch_size]),
    );
    sizes.delete(undefined);
    const other = [...sizes].filter((b) => b !== batchOf(row.net));
    const net = other.length > 0 ? `${row.net} (batch ${[...sizes].join('/')})` : row.net;
    const cols = [net, row.label, row.threads === null ? '-' : String(row.threads)];
    for (const p of phases) {
      const c = row.cells.get(p);
      cols.push(show(c?.subject), show(c?.baseline, true), ratio(c?.subject?.figure, c?.baseline?.figure));
    }
    lines.push(`| ${cols.join(' | ')} |`);
  }
  if (notes.length > 0) lines.push('', ...notes.map((n, k) => `[${k + 1}] ${n}`));
  return `${lines.join('\n')}\n`;
}
