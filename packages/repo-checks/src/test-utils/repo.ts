import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file is packages/repo-checks/src/test-utils/repo.ts). */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A root script (scripts/<name>), imported as the root package.json's scripts run it. */
export async function importScript<T>(name: string): Promise<T> {
  const url = pathToFileURL(join(ROOT, 'scripts', name)).href;
  return (await import(url)) as T;
}

/** turbo, a devDependency of the root, as `npm run` finds it. */
export const TURBO = join(ROOT, 'node_modules', '.bin', 'turbo');

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end with exactly `env` (nothing inherited but PATH and HOME unless given). */
export function runWith(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Ran {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 110_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
