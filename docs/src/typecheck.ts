// What the type-checks of the docs share: code a user copies (a guide, a README block, a TSDoc @example)
// written as a .ts file into an ignored folder inside docs/ (so '@snn/...' resolves through docs' own
// dependencies to the BUILT packages' .d.ts, by the `types` export condition as a user's install would,
// and docs/package.json's "type": "module" makes each file an ES module), compiled by tsc with the
// repository's strict settings, its errors named by the file the user read and its line there.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(docsDir, '..');

/** One program to compile: a file written for the check and where its lines came from. */
export interface Unit {
  /** The file the user reads (repository-relative): `docs/export.md`, `packages/nir/src/io/read.ts`. */
  source: string;
  /** The .ts file written for the check. */
  file: string;
  /** The source line (1-based) of each line of `file`; 0 where the check added the line. */
  lines: number[];
}

/** The repository's compiler settings (tsconfig.base.json), as a strict user would have them. */
export function compilerOptions(): ts.CompilerOptions {
  const base = resolve(repoRoot, 'tsconfig.base.json');
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
    // Keep the check about the user's code: a dependency's own .d.ts is its package's typecheck's business.
    skipLibCheck: true,
  };
}

/**
 * Compiles the units as one program (the library's types load once) and returns each unit's errors;
 * `reuse`, an earlier program with the same settings, saves parsing the files they share.
 */
export function compileUnits(units: readonly Unit[], reuse?: ts.Program): Map<Unit, string[]> {
  const program = ts.createProgram(
    units.map((u) => u.file),
    compilerOptions(),
    undefined,
    reuse,
  );
  return new Map(
    units.map((u) => {
      const file = program.getSourceFile(u.file);
      if (file === undefined) throw new Error(`tsc did not load ${u.file}`);
      const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
      return [u, diagnostics.map((d) => formatError(u, d))];
    }),
  );
}

/** One tsc error as `source:line: TScode message` (the line in the file the user reads). */
function formatError(unit: Unit, d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file === undefined || d.start === undefined) return `${unit.source}: TS${d.code} ${message}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${unit.source}:${unit.lines[line] || '?'}: TS${d.code} ${message}`;
}
