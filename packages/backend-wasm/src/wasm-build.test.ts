import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The committed wasm/*.wasm must be what csrc/ builds to: rebuilds with Debian's clang 14 + lld (what
 * .ci/run installs) and compares the bytes. The build is deterministic (scripts/build-wasm.sh), so a
 * difference means a C change was committed without its binary (or the reverse). Without that
 * toolchain the test skips with one line, except under CI, where it is required.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const version = spawnSync('clang', ['--version'], { encoding: 'utf8' });
const lld = spawnSync('wasm-ld', ['--version'], { encoding: 'utf8' });
const toolchain =
  version.status === 0 && lld.status === 0 && /Debian clang version 14\./.test(version.stdout ?? '');
const required = process.env.CI === 'true';

if (!toolchain && !required) {
  test.skip('wasm rebuild check: needs Debian clang 14 + lld (apt-get install clang lld); CI runs it', () => {});
} else {
  test('the committed .wasm files are exactly what csrc/ builds to', () => {
    if (!toolchain) {
      throw new Error(
        `CI needs Debian clang 14 and lld to rebuild wasm/*.wasm (apt-get install clang lld); clang says: ${version.stdout ?? version.error}`,
      );
    }
    const out = mkdtempSync(join(tmpdir(), 'snn-wasm-build-'));
    try {
      const build = spawnSync('sh', ['scripts/build-wasm.sh', out], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build-wasm.sh failed:\n${build.stdout}${build.stderr}`);
      for (const file of ['snn-kernels.wasm', 'snn-kernels-st.wasm']) {
        const built = readFileSync(join(out, file));
        const committed = readFileSync(join(root, 'wasm', file));
        if (!built.equals(committed)) {
          throw new Error(
            `wasm/${file} differs from what csrc/ builds to (${committed.length} vs ${built.length} bytes): run \`pnpm --filter @snn/backend-wasm build:wasm\` and commit wasm/`,
          );
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120000);
}
