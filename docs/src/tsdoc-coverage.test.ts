// Every exported function and class of each published package has a TSDoc @example (the API
// reference shows it; tsdoc-examples-typecheck.test.ts compiles it). Those that have none yet are listed
// per package in tsdoc-coverage.baseline.json, which can only shrink: a listed name that gains an
// example, or that is no longer exported, fails the test until it is taken off the list.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { missingExamples } from './tsdoc-coverage.js';
import { compilerOptions, docsDir, repoRoot } from './typecheck.js';

const baselineFile = join(docsDir, 'src', 'tsdoc-coverage.baseline.json');
const baseline: Record<string, string[]> = JSON.parse(readFileSync(baselineFile, 'utf8'));

/** The published packages (packages/* not marked private), by npm name. */
function publishedPackages(): string[] {
  const dir = join(repoRoot, 'packages');
  return readdirSync(dir)
    .map(
      (p) =>
        JSON.parse(readFileSync(join(dir, p, 'package.json'), 'utf8')) as { name: string; private?: boolean },
    )
    .filter((p) => p.private !== true)
    .map((p) => p.name)
    .sort();
}

describe('every exported function and class has a TSDoc @example (built .d.ts)', () => {
  const packages = publishedPackages();
  const checkDir = join(docsDir, '.run', 'tsdoc-coverage');
  mkdirSync(checkDir, { recursive: true });
  const probe = join(checkDir, '_exports.ts');
  writeFileSync(probe, packages.map((n, k) => `import * as p${k} from '${n}';\nvoid p${k};\n`).join(''));
  let program: ts.Program | undefined;
  const missingOf = (name: string): string[] => {
    program ??= ts.createProgram([probe], compilerOptions());
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(probe);
    const specifier = file?.statements
      .filter(ts.isImportDeclaration)
      .map((s) => s.moduleSpecifier)
      .find((s) => ts.isStringLiteral(s) && s.text === name);
    const module = specifier && checker.getSymbolAtLocation(specifier);
    if (module === undefined) throw new Error(`tsc did not resolve ${name} (is it built?)`);
    return missingExamples(checker, module);
  };

  it('finds the published packages, and the baseline names only those', () => {
    expect(packages).toEqual(expect.arrayContaining(['@snn/core', '@snn/encoders', '@snn/modules']));
    expect(Object.keys(baseline).filter((p) => !packages.includes(p))).toEqual([]);
  });

  it('sees @example on functions, classes and function consts, walks namespaces, skips types', () => {
    const lib = join(checkDir, 'lib.ts');
    writeFileSync(
      join(checkDir, 'ns.ts'),
      '/** @example\n * ```ts\n * f();\n * ```\n */\nexport function f() {}\nexport function g() {}\n',
    );
    writeFileSync(
      lib,
      [
        "export * as ns from './ns.js';",
        '/**\n * A.\n * @example\n * ```ts\n * a();\n * ```\n */\nexport function a() {}',
        '/** B, no example. */\nexport function b() {}',
        'export class C {}',
        '/** @example\n * ```ts\n * d();\n * ```\n */\nexport const d = () => 1;',
        'export const e = (x: number) => x;',
        'export const k = 1;',
        'export interface I { x: number }',
      ].join('\n'),
    );
    const small = ts.createProgram([lib], compilerOptions());
    const checker = small.getTypeChecker();
    const file = small.getSourceFile(lib);
    const module = file && checker.getSymbolAtLocation(file);
    if (module === undefined) throw new Error('tsc did not load lib.ts');
    expect(missingExamples(checker, module)).toEqual(['C', 'b', 'e', 'ns.g']);
  });

  for (const name of packages) {
    it(name, () => {
      const missing = missingOf(name);
      const listed = baseline[name] ?? [];
      const problems = [
        ...missing.filter((n) => !listed.includes(n)).map((n) => `${n} has no @example`),
        ...listed
          .filter((n) => !missing.includes(n))
          .map(
            (n) =>
              `${n} has an @example now or is no longer exported: take it off docs/src/tsdoc-coverage.baseline.json`,
          ),
      ];
      if (problems.length > 0) throw new Error(`${name}:\n${problems.join('\n')}`);
    });
  }
});
