import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { run } from '../util/run.js';

/**
 * publint on the published tarball: errors and warnings fail (a suggestion is printed as a note).
 * `pkgDir` must be the folder the manifest inside the tarball came from (for relative paths).
 */
export async function publintProblems(tarball: Uint8Array): Promise<{ problems: string[]; notes: string[] }> {
  const copy = tarball.slice().buffer as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: copy }, level: 'suggestion' });
  const text = (m: (typeof messages)[number]) => formatMessage(m, pkg, { color: false }) ?? m.code;
  return {
    problems: messages.filter((m) => m.type !== 'suggestion').map((m) => `publint ${m.type}: ${text(m)}`),
    notes: messages.filter((m) => m.type === 'suggestion').map((m) => `publint suggestion: ${text(m)}`),
  };
}

function attwBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
}

/**
 * arethetypeswrong on the tarball with the `esm-only` profile: our packages are ESM only, so a
 * CommonJS `require` finding ESM is expected; every other resolution problem (missing or wrong
 * types, masquerading CJS/ESM, unresolvable subpaths) fails. attw exits 1 and prints its table.
 */
export async function attwProblems(tarballPath: string): Promise<string[]> {
  try {
    await run(
      process.execPath,
      [attwBin(), tarballPath, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'],
      {
        cwd: dirname(tarballPath),
      },
    );
    return [];
  } catch (error) {
    return [`arethetypeswrong: ${(error as Error).message}`];
  }
}
