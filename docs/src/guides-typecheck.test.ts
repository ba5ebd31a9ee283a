// Type-checks every guide as a reader's editor would: the ts blocks of docs/*.md and the root README
// (each guide's runnable blocks as one module, its no-run blocks as another) compiled by tsc with the
// repository's strict settings against the BUILT packages (their dist/*.d.ts, resolved through the
// `types` export condition as a user's install would, never the `source` one). guides.test.ts runs the
// code with the types stripped, so without this check a guide could keep running while it no longer
// compiles for a TypeScript user. Errors name the guide, the markdown line and tsc's message.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { guideProgram } from './guide-blocks.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Inside docs/ (so '@snn/...' resolves through docs' own dependencies, and docs/package.json's
// "type": "module" makes each file an ES module) but ignored by git, as guides.test.ts's run folder.
const checkDir = join(docs, '.run', 'typecheck');
const rootReadme = resolve(docs, '../README.md');

interface Unit {
  guide: string;
  file: string;
  lines: number[];
  blocks: number;
}

/** Writes a guide's runnable and no-run programs into the check folder. */
function unitsOf(guide: string, name: string, markdown: string): Unit[] {
  const p = guideProgram(markdown);
  const out: Unit[] = [];
  const add = (suffix: string, source: string, lines: number[], blocks: number) => {
    if (blocks === 0) return;
    const path = join(checkDir, `${name}${suffix}.ts`);
    writeFileSync(path, source);
    out.push({ guide, file: path, lines, blocks });
  };
  add('', p.source, p.lines, p.blocks);
  add('.no-run', p.noRunSource, p.noRunLines, p.noRunBlocks);
  return out;
}

function guideUnits(): Unit[] {
  const guides = [
    ...readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(docs, f)),
    rootReadme,
  ];
  return guides.flatMap((file) => {
    const name = file === rootReadme ? 'root-README' : file.slice(docs.length + 1, -3);
    const guide = file === rootReadme ? 'README.md' : `docs/${name}.md`;
    return unitsOf(guide, name, readFileSync(file, 'utf8'));
  });
}

// A guide that must fail, compiled in the same program (no extra cost): proves that the check reads
// the built packages' types (the import resolves) and reports a wrong type at its markdown line.
const BROKEN_GUIDE = [
  '# broken',
  '',
  '```ts',
  "import { tensor } from '@snn/core';",
  'const n: number = tensor([1], [1]);',
  '```',
  '',
].join('\n');

/** The repository's compiler settings (tsconfig.base.json), as a strict user would have them. */
function compilerOptions(): ts.CompilerOptions {
  const base = resolve(docs, '../tsconfig.base.json');
  const read = ts.readConfigFile(base, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(read.config.compilerOptions, dirname(base));
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  return {
    ...options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    types: ['node'],
    // Keep the check about the guides: a dependency's own .d.ts is its package's typecheck's business.
    skipLibCheck: true,
  };
}

describe('docs guides compile as written (tsc, strict, against the built packages)', () => {
  rmSync(checkDir, { recursive: true, force: true });
  mkdirSync(checkDir, { recursive: true });
  const guides = guideUnits();
  const [broken] = unitsOf('broken.md', '_broken', BROKEN_GUIDE);
  const all = [...guides, broken];
  let diagnostics: Map<string, readonly ts.Diagnostic[]> | undefined;
  // One program for every guide: the library's types are loaded once (a few seconds in all).
  const check = () => {
    if (diagnostics === undefined) {
      const program = ts.createProgram(
        all.map((u) => u.file),
        compilerOptions(),
      );
      diagnostics = new Map(
        all.map((u) => {
          const source = program.getSourceFile(u.file);
          if (source === undefined) throw new Error(`tsc did not load ${u.file}`);
          return [
            u.file,
            [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)],
          ];
        }),
      );
    }
    return diagnostics;
  };

  /** tsc's errors for one unit, each as `guide:markdown line: TScode message`. */
  const errorsOf = (unit: Unit) =>
    (check().get(unit.file) ?? []).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (d.file === undefined || d.start === undefined) return `${unit.guide}: TS${d.code} ${message}`;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${unit.guide}:${unit.lines[line] ?? '?'}: TS${d.code} ${message}`;
    });

  it('finds the guides', () => {
    expect(guides.length).toBeGreaterThan(5);
  });

  it('reports a guide that does not compile, at its markdown line', () => {
    const errors = errorsOf(broken);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^broken\.md:5: TS2322 Type 'Tensor' is not assignable to type 'number'/);
  });

  for (const unit of guides) {
    const label = `${unit.guide}${unit.file.endsWith('.no-run.ts') ? ' no-run blocks' : ''} (${unit.blocks} blocks)`;
    it(label, () => {
      const errors = errorsOf(unit);
      if (errors.length > 0) throw new Error(`the guide's code does not compile:\n${errors.join('\n')}`);
    });
  }
});
