// Type-checks every TSDoc @example of the packages' sources as a user would copy it from the API
// reference (the convention is in tsdoc-examples.ts: a full program starts with its imports; a fragment
// is compiled after a prelude importing the exports it names from its own package, @snn/core,
// @snn/modules, @snn/encoders and node:fs/promises).
// Examples that do not compile yet are listed in tsdoc-examples.baseline.json, which can only shrink:
// a listed example that compiles fails the test until it is taken off the list.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import {
  type Exports,
  PRELUDE_PACKAGES,
  packageExports,
  prelude,
  type TsdocExample,
  tsdocExamples,
} from './tsdoc-examples.js';
import { compilerOptions, compileUnits, docsDir, repoRoot, type Unit } from './typecheck.js';

const checkDir = join(docsDir, '.run', 'tsdoc-examples');
const baselineFile = join(docsDir, 'src', 'tsdoc-examples.baseline.json');
const baseline: string[] = JSON.parse(readFileSync(baselineFile, 'utf8'));

/** An example's id: its file and its rank there (`...to-nir.ts#1`), stable when lines move. */
function ids(examples: readonly TsdocExample[]): string[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const k = (seen.get(e.file) ?? 0) + 1;
    seen.set(e.file, k);
    return `${e.file}#${k}`;
  });
}

// A fragment that must fail, compiled in the same program: proves that the prelude imports what a
// fragment names (tensor, from @snn/core) and that a wrong type is reported at the source line.
const BROKEN: TsdocExample = {
  file: 'packages/core/src/_broken.ts',
  firstLine: 7,
  code: 'const n: number = tensor([1], [1]);\n',
  packageName: '@snn/core',
  full: false,
};

describe('TSDoc @example code compiles (tsc, strict, against the built packages)', () => {
  rmSync(checkDir, { recursive: true, force: true });
  mkdirSync(checkDir, { recursive: true });
  const examples = tsdocExamples(repoRoot);
  const exampleIds = ids(examples);
  let errors: Map<Unit, string[]> | undefined;
  let units: Unit[] = [];

  const compile = () => {
    if (errors !== undefined) return errors;
    // First the packages' exports (for the fragments' preludes), then every example in one program
    // that reuses the first one's files.
    const names = [...new Set([...PRELUDE_PACKAGES, ...examples.map((e) => e.packageName)])];
    const probe = join(checkDir, '_exports.ts');
    writeFileSync(probe, names.map((n, k) => `import * as p${k} from '${n}';\nvoid p${k};\n`).join(''));
    const first = ts.createProgram([probe], compilerOptions());
    const exports: Map<string, Exports> = packageExports(first, probe, names);
    units = [...examples, BROKEN].map((e, k) => {
      const head = e.full ? [] : prelude(e, exports);
      const file = join(checkDir, `${k}-${e.file.replace(/[^A-Za-z0-9]+/g, '_')}.ts`);
      writeFileSync(file, [...head, e.code].join('\n'));
      const lines = [...head.map(() => 0), ...e.code.split('\n').map((_, j) => e.firstLine + j)];
      return { source: e.file, file, lines };
    });
    errors = compileUnits(units, first);
    return errors;
  };
  const errorsOf = (k: number) => {
    const found = compile();
    return found.get(units[k]) ?? [];
  };

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(80);
    expect(examples.filter((e) => e.full).length).toBeGreaterThan(5);
  });

  it('reports a fragment that does not compile, at its source line', () => {
    const found = errorsOf(examples.length);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^packages\/core\/src\/_broken\.ts:7: TS2322 Type 'Tensor' is not assignable/);
  });

  it('lists in the baseline only examples that exist', () => {
    expect(baseline.filter((id) => !exampleIds.includes(id))).toEqual([]);
  });

  const files = [...new Set(examples.map((e) => e.file))];
  for (const file of files) {
    const ks = examples.flatMap((e, k) => (e.file === file ? [k] : []));
    it(`${file} (${ks.length} examples)`, () => {
      const problems: string[] = [];
      for (const k of ks) {
        const found = errorsOf(k);
        const listed = baseline.includes(exampleIds[k]);
        if (found.length > 0 && !listed) problems.push(...found);
        if (found.length === 0 && listed) {
          problems.push(`${exampleIds[k]} compiles now: take it off docs/src/tsdoc-examples.baseline.json`);
        }
      }
      if (problems.length > 0) throw new Error(`the examples do not compile:\n${problems.join('\n')}`);
    });
  }
});
