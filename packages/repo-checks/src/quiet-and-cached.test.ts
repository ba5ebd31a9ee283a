import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importScript, ROOT, runWith, TURBO } from './test-utils/repo.js';

/*
 * Quiet output and a build cache that test settings do not invalidate: turbo's telemetry notice and
 * pnpm's "update available" banner never reach the output of the root scripts, and SNN_MNIST_DIR
 * (where the tests find MNIST) is an input of the test tasks only, never of a build.
 */

interface DryRun {
  tasks: { taskId: string; task: string; hash: string }[];
}

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'snn-fresh-home-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** `turbo run <tasks> --dry=json` for every package, as a fresh user account would run it. */
function dryRun(tasks: string[], env: NodeJS.ProcessEnv) {
  return runWith(TURBO, ['run', ...tasks, '--dry=json'], ROOT, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    ...env,
  });
}

function hashes(run: { code: number | null; stdout: string; stderr: string }): Map<string, string> {
  expect(run.code).toBe(0);
  const { tasks } = JSON.parse(run.stdout) as DryRun;
  return new Map(tasks.map((t) => [t.taskId, t.hash]));
}

test('SNN_MNIST_DIR is a test setting, not a build input: builds keep their cache, tests do not', () => {
  const one = hashes(dryRun(['build', 'test'], { TURBO_TELEMETRY_DISABLED: '1', SNN_MNIST_DIR: '/one' }));
  const other = hashes(dryRun(['build', 'test'], { TURBO_TELEMETRY_DISABLED: '1', SNN_MNIST_DIR: '/other' }));
  const builds = [...one.keys()].filter((id) => id.endsWith('#build'));
  expect(builds.length).toBeGreaterThanOrEqual(7);
  for (const id of builds) expect([id, other.get(id)]).toEqual([id, one.get(id)]);
  // The tests that read MNIST do depend on it (a cached result must not stand for another folder).
  expect(other.get('mnist-demo#test')).not.toBe(one.get('mnist-demo#test'));
});

test("turbo's telemetry notice: printed to a fresh account, never through the root scripts' settings", async () => {
  const { QUIET_ENV } = await importScript<{ QUIET_ENV: Record<string, string> }>('pnpm.mjs');
  const quiet = dryRun(['build'], { ...QUIET_ENV });
  expect(quiet.code).toBe(0);
  expect(`${quiet.stdout}${quiet.stderr}`).not.toMatch(/telemetry/i);
  // Without them the same command prints it: the check above can fail.
  const loud = runWith(TURBO, ['run', 'build', '--dry'], ROOT, {
    HOME: join(home, 'other'),
    XDG_CONFIG_HOME: join(home, 'other', '.config'),
  });
  expect(`${loud.stdout}${loud.stderr}`).toMatch(/collects completely anonymous telemetry/);
});

test('every root script that runs pnpm or turbo goes through scripts/pnpm.mjs (pinned, quiet)', async () => {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  for (const [name, command] of Object.entries(scripts)) {
    for (const step of command.split('&&').map((s) => s.trim())) {
      if (/\b(pnpm|turbo)\b/.test(step))
        expect([name, step]).toEqual([name, expect.stringMatching(/^node scripts\/(pnpm|test-all)\.mjs /)]);
    }
  }
  // pnpm's own "update available" banner is off for the workspace and for npm/npx.
  expect(readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')).toMatch(/^updateNotifier: false$/m);
  expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^update-notifier=false$/m);
  const { QUIET_ENV } = await importScript<{ QUIET_ENV: Record<string, string> }>('pnpm.mjs');
  expect(QUIET_ENV).toMatchObject({ TURBO_TELEMETRY_DISABLED: '1', npm_config_update_notifier: 'false' });
});
