import { type ChildProcess, spawn } from 'node:child_process';
import type { ChildCommand } from './runner.js';

export type ChildResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: string; readonly timedOut?: boolean };

const running = new Set<ChildProcess>();

/** Kills every child still running (the harness calls it when it is interrupted). */
export function killChildren(): void {
  for (const proc of running) proc.kill('SIGKILL');
}

/** The last line of `text` that parses as a JSON object, or undefined. */
export function lastJsonLine(text: string): unknown {
  const lines = text.split('\n').filter((l) => l.trimStart().startsWith('{'));
  for (let k = lines.length - 1; k >= 0; k--) {
    try {
      return JSON.parse(lines[k]);
    } catch {
      // a line that merely starts with '{': keep looking
    }
  }
  return undefined;
}

/** The last `lines` lines of stderr that are not stack frames or blank. */
function tail(text: string, lines: number): string {
  const meaningful = text.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l));
  return meaningful.slice(-lines).join(' | ');
}

/**
 * Runs one child to completion and returns the JSON object it printed last. A failure (exit status,
 * signal, timeout, no JSON) comes back as one line naming the cause and the end of its stderr.
 */
export function runChild(child: ChildCommand, timeoutSeconds: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const proc = spawn(child.command, [...child.args], {
      env: { ...process.env, ...child.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    proc.on('error', (e) => {
      clearTimeout(timer);
      running.delete(proc);
      resolve({ ok: false, error: `${child.command} could not start: ${e.message}` });
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(proc);
      const value = lastJsonLine(stdout);
      if (code === 0 && value !== undefined) {
        resolve({ ok: true, value });
        return;
      }
      const why = timedOut
        ? `timed out after ${timeoutSeconds} s`
        : signal
          ? `killed by ${signal}`
          : code !== 0
            ? `exit status ${code}`
            : 'no JSON line on stdout';
      // A timed-out child's stderr holds start-up chatter, not a cause.
      const detail = !timedOut && stderr.trim() ? `: ${tail(stderr, 3)}` : '';
      resolve({ ok: false, error: `${why}${detail}`, timedOut });
    });
  });
}
