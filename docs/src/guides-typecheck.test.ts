// Type-checks the markdown code a reader copies, as their editor would (see typecheck.ts): the ts blocks
// of docs/*.md and the root README (each guide's runnable blocks as one module, its no-run blocks as
// another: a guide's blocks build on each other) and of every package's and app's README (each block a
// module of its own: a README's examples stand alone, a reader copies one). guides.test.ts runs the
// guides with the types stripped, so without this check a guide could keep running while it no longer
// compiles for a TypeScript user. Errors name the markdown file, its line and tsc's message.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideProgram, jsBlockLines, tsBlocks } from './guide-blocks.js';
import { compileUnits, docsDir, repoRoot, type Unit } from './typecheck.js';

const checkDir = join(docsDir, '.run', 'typecheck');

function write(name: string, source: string): string {
  const path = join(checkDir, `${name}.ts`);
  writeFileSync(path, source);
  return path;
}

/** A guide's runnable program and its no-run program (each when it has blocks). */
function guideUnits(source: string, name: string, markdown: string): Unit[] {
  const p = guideProgram(markdown);
  const out: Unit[] = [];
  if (p.blocks > 0) out.push({ source, file: write(name, p.source), lines: p.lines });
  if (p.noRunBlocks > 0) {
    out.push({
      source: `${source} no-run blocks`,
      file: write(`${name}.no-run`, p.noRunSource),
      lines: p.noRunLines,
    });
  }
  return out;
}

/** Every ts block of a package's README, each as its own module. */
function readmeUnits(source: string, name: string, markdown: string): Unit[] {
  return tsBlocks(markdown).map((b) => ({
    source,
    file: write(`${name}.block-${b.firstLine}`, b.code),
    lines: b.code.split('\n').map((_, j) => b.firstLine + j),
  }));
}

const readmes = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(join(repoRoot, dir))
    .map((p) => `${dir}/${p}/README.md`)
    .filter((f) => existsSync(join(repoRoot, f))),
);

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

describe('markdown code compiles as written (tsc, strict, against the built packages)', () => {
  rmSync(checkDir, { recursive: true, force: true });
  mkdirSync(checkDir, { recursive: true });
  const guides = [
    ...readdirSync(docsDir)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => guideUnits(`docs/${f}`, f.slice(0, -3), readFileSync(join(docsDir, f), 'utf8'))),
    ...guideUnits('README.md', 'root-README', readFileSync(join(repoRoot, 'README.md'), 'utf8')),
  ];
  const packageBlocks = readmes.flatMap((f) =>
    readmeUnits(
      f,
      f.slice(0, -'/README.md'.length).replace('/', '-'),
      readFileSync(join(repoRoot, f), 'utf8'),
    ),
  );
  const [broken] = guideUnits('broken.md', '_broken', BROKEN_GUIDE);
  let errors: Map<Unit, string[]> | undefined;
  // One program for every unit: the library's types are loaded once (a few seconds in all).
  const errorsOf = (unit: Unit) => {
    errors ??= compileUnits([...guides, ...packageBlocks, broken]);
    return errors.get(unit) ?? [];
  };
  const expectCompiles = (...units: Unit[]) => {
    const found = units.flatMap(errorsOf);
    if (found.length > 0) throw new Error(`the code does not compile:\n${found.join('\n')}`);
  };

  it('finds the guides and the package READMEs', () => {
    expect(guides.length).toBeGreaterThan(5);
    expect(readmes).toEqual(expect.arrayContaining(['packages/core/README.md', 'apps/mnist-demo/README.md']));
    expect(packageBlocks.length).toBeGreaterThan(10);
  });

  it('reports a guide that does not compile, at its markdown line', () => {
    const found = errorsOf(broken);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^broken\.md:5: TS2322 Type 'Tensor' is not assignable to type 'number'/);
  });

  it('fences no example as JavaScript (a js block would be checked by nothing: fence it ts)', () => {
    const markdown = [
      ...readdirSync(docsDir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
      'README.md',
      ...readmes,
    ];
    const found = markdown.flatMap((f) =>
      jsBlockLines(readFileSync(join(repoRoot, f), 'utf8')).map((line) => `${f}:${line}`),
    );
    expect(found).toEqual([]);
  });

  for (const unit of guides) it(unit.source, () => expectCompiles(unit));
  for (const readme of readmes) {
    const blocks = packageBlocks.filter((u) => u.source === readme);
    if (blocks.length > 0) it(`${readme} (${blocks.length} blocks)`, () => expectCompiles(...blocks));
  }
});
