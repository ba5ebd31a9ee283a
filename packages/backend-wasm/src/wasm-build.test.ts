import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The committed wasm/*.wasm must be what csrc/ builds to: rebuilds with Debian's clang 14 + lld (what
 * .ci/run installs) and compares the bytes. The build is deterministic (scripts/build-wasm.sh), so a
 * difference means a C change was committed without its binary (or the reverse). Without that
 * toolchain the jest global setup (scripts/jest-requirements.mjs) prints one line and the test is
 * skipped; SNN_REQUIRE=wasm-toolchain (set by .ci/run) makes that a failure.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const missing = (process.env.SNN_TEST_MISSING ?? '').split(',').includes('wasm-toolchain');

(missing ? test.skip : test)(
  'the committed .wasm files are exactly what csrc/ builds to',
  () => {
    const out = mkdtempSync(join(tmpdir(), 'snn-wasm-build-'));
    try {
      const build = spawnSync('sh', ['scripts/build-wasm.sh', out], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`build-wasm.sh failed:\n${build.stdout}${build.stderr}`);
      for (const file of ['snn-kernels.wasm', 'snn-kernels-st.wasm']) {
        const built = readFileSync(join(out, file));
        const committed = readFileSync(join(root, 'wasm', file));
        if (!built.equals(committed)) {
          throw new Error(
            `wasm/${file} differs from what csrc/ builds to (${committed.length} vs ${built.length} bytes): run \`npm run build:wasm\` in packages/backend-wasm and commit wasm/`,
          );
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
  120000,
);
