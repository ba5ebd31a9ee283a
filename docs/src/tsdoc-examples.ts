// Pulls the TSDoc @example code out of the packages' sources, so it can be compiled as a user would
// copy it from the API reference.
//
// The convention (docs/README.md says it for authors):
// - an example whose code starts with an import (after any comment lines) is a full program: it is
//   compiled as written and must import everything it uses;
// - any other example is a fragment, shown on its export's page: it is compiled after a prelude that
//   imports each name the fragment uses and does not declare itself from, in this order, its own
//   package, @snn/core, @snn/modules, @snn/encoders (the packages every model is made of) and
//   node:fs/promises' readFile and writeFile. Anything else it uses (a model, a tensor `x`) it must
//   define.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** One ```ts block of an @example tag. */
export interface TsdocExample {
  /** The source file, repository-relative. */
  file: string;
  /** The line (1-based) of the example's first code line in that file. */
  firstLine: number;
  /** The code, the comment's ` * ` prefixes removed, ending with a line break. */
  code: string;
  /** The package the file belongs to (`@snn/nir`). */
  packageName: string;
  /** The code starts with an import: compiled as written. */
  full: boolean;
}

const EXAMPLE =
  /(@example[^\n]*\n(?:[ \t]*\*[ \t]*\n)*[ \t]*\*[ \t]*```ts[^\n]*\n)([\s\S]*?)^[ \t]*\*[ \t]*```/gm;

/** The @example blocks of one source file. */
export function examplesOf(file: string, packageName: string, text: string): TsdocExample[] {
  return [...text.matchAll(EXAMPLE)].map((m) => {
    const bodyStart = (m.index ?? 0) + m[1].length;
    const code = m[2]
      .split('\n')
      .map((l) => l.replace(/^[ \t]*\* ?/, ''))
      .join('\n');
    const first = code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    return {
      file,
      firstLine: text.slice(0, bodyStart).split('\n').length,
      code,
      packageName,
      full: first?.startsWith('import ') ?? false,
    };
  });
}

/** Every @example of every package's src (tests left out), in file order. */
export function tsdocExamples(repoRoot: string): TsdocExample[] {
  const packages = join(repoRoot, 'packages');
  return readdirSync(packages).flatMap((pkg) => {
    const src = join(packages, pkg, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    const { name } = JSON.parse(readFileSync(join(packages, pkg, 'package.json'), 'utf8')) as {
      name: string;
    };
    return files
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .sort()
      .flatMap((f) => examplesOf(`packages/${pkg}/src/${f}`, name, readFileSync(join(src, f), 'utf8')));
  });
}

/** The identifiers a fragment uses and the names it declares at its top level. */
export function namesOf(code: string): { used: Set<string>; declared: Set<string> } {
  const file = ts.createSourceFile('fragment.ts', code, ts.ScriptTarget.ES2022, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      // `a.b`: b is a member, not a free name; `{ b: 1 }`: b is a key.
      const member = ts.isPropertyAccessExpression(parent) && parent.name === node;
      const key = ts.isPropertyAssignment(parent) && parent.name === node;
      if (!member && !key) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const s of file.statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) declared.add(s.name.text);
    else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name)
      declared.add(s.name.text);
    else if (ts.isImportDeclaration(s) && s.importClause) {
      const c = s.importClause;
      if (c.name) declared.add(c.name.text);
      const b = c.namedBindings;
      if (b && ts.isNamespaceImport(b)) declared.add(b.name.text);
      if (b && ts.isNamedImports(b)) for (const e of b.elements) declared.add(e.name.text);
    }
  }
  return { used, declared };
}

/** A package's exports: each name and whether it is a type only (imported with `import type`). */
export type Exports = Map<string, { typeOnly: boolean }>;

/** Reads the exports of each package's built entry point through a program that imports them. */
export function packageExports(
  program: ts.Program,
  probeFile: string,
  names: readonly string[],
): Map<string, Exports> {
  const checker = program.getTypeChecker();
  const probe = program.getSourceFile(probeFile);
  if (probe === undefined) throw new Error(`tsc did not load ${probeFile}`);
  const out = new Map<string, Exports>();
  for (const s of probe.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const name = s.moduleSpecifier.text;
    const symbol = checker.getSymbolAtLocation(s.moduleSpecifier);
    if (symbol === undefined || !names.includes(name)) continue;
    const exports: Exports = new Map();
    for (const e of checker.getExportsOfModule(symbol)) {
      const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      exports.set(e.name, { typeOnly: (target.flags & ts.SymbolFlags.Value) === 0 });
    }
    out.set(name, exports);
  }
  return out;
}

/** Where a fragment's prelude takes names from, after the fragment's own package. */
export const PRELUDE_PACKAGES = ['@snn/core', '@snn/modules', '@snn/encoders'];
const FS_FUNCTIONS: Exports = new Map([
  ['readFile', { typeOnly: false }],
  ['writeFile', { typeOnly: false }],
]);

/** The import lines a fragment is compiled after (one per package it takes names from). */
export function prelude(example: TsdocExample, exports: Map<string, Exports>): string[] {
  const { used, declared } = namesOf(example.code);
  const taken = new Set<string>();
  const lines: string[] = [];
  const from = new Map(exports);
  from.set('node:fs/promises', FS_FUNCTIONS);
  for (const pkg of [example.packageName, ...PRELUDE_PACKAGES, 'node:fs/promises']) {
    const names = [...(from.get(pkg) ?? new Map())]
      .filter(([n]) => used.has(n) && !declared.has(n) && !taken.has(n))
      .map(([n, { typeOnly }]) => {
        taken.add(n);
        return typeOnly ? `type ${n}` : n;
      });
    if (names.length > 0) lines.push(`import { ${names.join(', ')} } from '${pkg}';`);
  }
  return lines;
}
