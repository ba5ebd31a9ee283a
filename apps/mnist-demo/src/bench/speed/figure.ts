import type { PresetName } from '../../presets.js';

/*
 * The records `npm run bench` passes around: what one measurement is asked to do (FigureRequest, the same
 * flags for every runner's child process) and what it prints back (Figure, one JSON line).
 */

export const PHASES = ['train', 'infer'] as const;
export type Phase = (typeof PHASES)[number];

/** One measurement: a preset's network, one phase, on one runner's backend. */
export interface FigureRequest {
  readonly net: PresetName;
  readonly phase: Phase;
  /** Time steps T, tau, learning rate and normalisation: the preset's (presets.ts). */
  readonly steps: number;
  readonly tau: number;
  readonly lr: number;
  readonly normalization: 'standard' | 'unit';
  readonly batchSize: number;
  /** Untimed batches first (allocation, compilation, caches). */
  readonly warmup: number;
  /** Timed batches at most; at least one is timed. */
  readonly batches: number;
  /** Stop timing after the batch that crosses this many seconds. */
  readonly maxSeconds: number;
  readonly dataDir: string;
}

/** What a measurement child prints: the fields every consumer reads, then runner-specific extras. */
export interface Figure {
  readonly runner: string;
  readonly net: string;
  readonly backend: string;
  /** CPU threads the backend computes with; null where it does not say (GPU backends). */
  readonly threads: number | null;
  readonly phase: Phase;
  readonly samples_per_s: number;
  readonly peak_rss_mb: number;
  readonly batch_size: number;
  readonly steps: number;
  /** Timed batches. */
  readonly batches: number;
  readonly seconds: number;
  /** Training loss of the last batch. */
  readonly loss?: number;
  readonly [extra: string]: unknown;
}

/** The command-line flags of a FigureRequest, understood by every runner's measurement child. */
export function requestFlags(r: FigureRequest): string[] {
  return [
    ['--net', r.net],
    ['--phase', r.phase],
    ['--steps', String(r.steps)],
    ['--tau', String(r.tau)],
    ['--lr', String(r.lr)],
    ['--normalization', r.normalization],
    ['--batch-size', String(r.batchSize)],
    ['--warmup', String(r.warmup)],
    ['--batches', String(r.batches)],
    ['--max-seconds', String(r.maxSeconds)],
    ['--data-dir', r.dataDir],
  ].flat();
}

/** Throws unless `value` has a Figure's required fields with the right types. */
export function checkFigure(value: unknown, source: string): Figure {
  const f = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of ['runner', 'net', 'backend', 'phase'])
    if (typeof f?.[k] !== 'string') problems.push(`${k} is not a string`);
  for (const k of ['samples_per_s', 'peak_rss_mb', 'batch_size', 'steps', 'batches', 'seconds'])
    if (typeof f?.[k] !== 'number' || !Number.isFinite(f[k])) problems.push(`${k} is not a number`);
  if (!(f?.threads === null || typeof f?.threads === 'number'))
    problems.push('threads is not a number or null');
  if (problems.length > 0) {
    throw new Error(`${source} printed ${JSON.stringify(value)}: ${problems.join(', ')}`);
  }
  return f as unknown as Figure;
}
