import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CheckResult {
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed (each line printed indented) or why it was skipped. */
  readonly details: readonly string[];
  readonly seconds: number;
}

/**
 * The release checks' results, printed as they happen (`ok`, `FAILED` with the reasons indented,
 * `skipped` with one line saying why) and counted for the closing line.
 */
export class CheckLog {
  readonly results: CheckResult[] = [];

  constructor(private readonly log: (line: string) => void = console.log) {}

  record(name: string, outcome: CheckResult['outcome'], details: readonly string[] = [], seconds = 0): void {
    this.results.push({ name, outcome, details, seconds });
    const time = seconds >= 1 ? ` (${seconds.toFixed(0)} s)` : '';
    if (outcome === 'passed')
      this.log(`  ok       ${name}${time}${details.length ? `: ${details.join('; ')}` : ''}`);
    else if (outcome === 'skipped') this.log(`  skipped  ${name}: ${details.join(' ')}`);
    else {
      this.log(`  FAILED   ${name}${time}`);
      for (const d of details) for (const line of d.split('\n')) this.log(`           ${line}`);
    }
  }

  /**
   * Runs one check: it passes when `fn` returns (its return value, a list of notes, is printed), fails
   * with the thrown error's message, and is skipped when `fn` throws a Skip.
   */
  async check(
    name: string,
    fn: () => Promise<string[] | undefined> | string[] | undefined,
  ): Promise<boolean> {
    const start = Date.now();
    try {
      const notes = (await fn()) ?? [];
      this.record(name, 'passed', notes, (Date.now() - start) / 1000);
      return true;
    } catch (error) {
      const seconds = (Date.now() - start) / 1000;
      if (error instanceof Skip) this.record(name, 'skipped', [error.message], seconds);
      else this.record(name, 'failed', [errorText(error)], seconds);
      return false;
    }
  }

  get counts(): { passed: number; failed: number; skipped: number } {
    const count = (o: CheckResult['outcome']) => this.results.filter((r) => r.outcome === o).length;
    return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
  }

  /** `release checks: N passed, M failed, K skipped`. */
  summaryLine(label = 'release checks'): string {
    const { passed, failed, skipped } = this.counts;
    return `${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
  }

  /** Writes the counts where the root test summary (scripts/test-summary.mjs) adds them up. */
  writeSummary(resultsDir: string, packageName: string, kind: string): void {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `${packageName.replace(/[@/]/g, '_')}.${kind}.json`),
      JSON.stringify({ package: packageName, kind, ...this.counts }),
    );
  }
}

/** Thrown by a check that cannot run here (one line: what is missing and how to get it). */
export class Skip extends Error {}

/** A check's failure: several reasons at once. */
export class CheckFailure extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }
}

export function errorText(error: unknown): string {
  if (error instanceof CheckFailure) return error.reasons.join('\n');
  if (error instanceof Error) return error.message;
  return String(error);
}
