#!/usr/bin/env node
// Packaging check: packs every public package with `pnpm pack` (as it would be published), installs the
// tarballs into a fresh temp project with npm, then imports each package from plain Node ESM and
// type-checks a file that imports it. A broken `exports` map, a missing dist file or a workspace-only
// dependency fails here. Run after `turbo run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => !pkg.private);

const work = mkdtempSync(join(tmpdir(), 'snn-pack-check-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
try {
  for (const { dir, pkg } of packages) {
    run('pnpm', ['pack', '--pack-destination', tarballs], dir);
    console.log(`packed ${pkg.name}`);
  }
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-check', private: true, type: 'module' }),
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...files],
    project,
  );

  // Every export path of every package must import from plain Node ESM.
  const specifiers = packages.flatMap(({ pkg }) =>
    Object.keys(pkg.exports ?? { '.': null })
      .filter((key) => key !== './package.json')
      .map((key) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`)),
  );
  const importLines = specifiers.map((s, i) => `import * as m${i} from '${s}';`);
  const checkLines = specifiers.map(
    (s, i) => `if (Object.keys(m${i}).length === 0) throw new Error('${s} exports nothing');`,
  );
  writeFileSync(
    join(project, 'smoke.mjs'),
    [...importLines, ...checkLines, "console.log('imports ok');"].join('\n'),
  );
  process.stdout.write(run('node', ['smoke.mjs'], project));

  // @snn/backend-wasm ships its built .wasm: the installed tarball must start (threads included).
  writeFileSync(
    join(project, 'wasm-smoke.mjs'),
    [
      "import { createWasmBackend } from '@snn/backend-wasm';",
      'const b = await createWasmBackend({ threads: 2 });',
      "const x = { dataId: b.write(Float32Array.of(1, 2, 3), [3], 'float32'), shape: [3], dtype: 'float32' };",
      'const y = b.readSync(b.kernels.Add({ a: x, b: x }, {}).dataId);',
      "if (y.join() !== '2,4,6' || b.threads !== 2) throw new Error('wasm backend: ' + y + ' on ' + b.threads + ' threads');",
      'b.dispose();',
      "console.log('wasm backend ok');",
    ].join('\n'),
  );
  process.stdout.write(run('node', ['wasm-smoke.mjs'], project));

  // The published types must resolve and type-check for a TypeScript user (NodeNext resolution).
  writeFileSync(
    join(project, 'smoke.ts'),
    [...importLines, `export const all = [${specifiers.map((_, i) => `m${i}`).join(', ')}];`].join('\n'),
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files: ['smoke.ts'],
    }),
  );
  run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
  console.log(`pack-check: ${packages.length} packages packed, installed, imported and type-checked`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
