/*
 * The jest global setup (scripts/jest-requirements.mjs at the repository root) checks once per run
 * whether this machine has a WebGPU adapter, headless Chromium and the MNIST files, prints one line
 * for each that is missing (what, and how to get it) and lists them in $SNN_TEST_MISSING. With
 * $SNN_REQUIRE naming one (CI), a missing one fails the run there instead.
 */
export type Requirement = 'gpu' | 'browser' | 'mnist';

export function isMissing(what: Requirement): boolean {
  return (process.env.SNN_TEST_MISSING ?? '').split(',').includes(what);
}

type JestFn = ((...args: never[]) => unknown) & {
  skip: ((...args: never[]) => unknown) & { each: unknown };
  todo?: unknown;
};

function skipping(fn: JestFn): JestFn {
  const skip = fn.skip;
  return Object.assign((...args: never[]) => skip(...args), { ...fn, each: skip.each, skip, only: skip });
}

/**
 * Call first in a test file whose every test needs `what`. When the machine lacks it, the file's
 * tests are registered as skipped (the summary counts them) and its hooks never run, so nothing
 * tries to create a device or start a browser. Jest gives each test file its own globals: this
 * changes this file's `describe`/`it`/`test`/hooks only.
 */
export function skipFileUnless(what: Requirement): void {
  if (!isMissing(what)) return;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ['describe', 'it', 'test']) g[name] = skipping(g[name] as JestFn);
  for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) g[hook] = () => {};
}
