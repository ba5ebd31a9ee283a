#!/usr/bin/env node
// Runs the pinned pnpm through npx (a fresh clone needs nothing but Node and npm), quietly: no turbo
// telemetry notice, no "update available" banners. The root package.json scripts go through here.
//   node scripts/pnpm.mjs <pnpm arguments...>
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PNPM = 'pnpm@12.21.0';

export const QUIET_ENV = {
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  npm_config_update_notifier: 'false',
};

/** Runs pnpm with `args` in `cwd`, output to this terminal; returns its exit status. */
export function pnpm(args, cwd = process.cwd()) {
  const r = spawnSync('npx', ['-y', PNPM, ...args], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...QUIET_ENV },
  });
  return r.status ?? 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(pnpm(process.argv.slice(2)));
}
