// Which exported functions and classes of the published packages have no TSDoc @example yet (the API
// reference promises one for each). Read from the BUILT packages' .d.ts (tsc keeps the doc comments
// there), through the exports a user imports, so a name re-exported from another file or package is
// judged by the declaration it points to.
import ts from 'typescript';

/**
 * The exported functions and classes of one module symbol (a package's entry point) without an
 * @example, by name; a namespace export (`surrogate`) is walked too, its members named `surrogate.atan`.
 */
export function missingExamples(checker: ts.TypeChecker, module: ts.Symbol, prefix = ''): string[] {
  const missing: string[] = [];
  for (const e of checker.getExportsOfModule(module)) {
    const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
    const name = `${prefix}${e.name}`;
    const declarations = target.declarations ?? [];
    if (target.flags & ts.SymbolFlags.ValueModule && declarations.some(ts.isSourceFile)) {
      // `export * as surrogate from './surrogate/index.js'`: the namespace's own exports.
      missing.push(...missingExamples(checker, target, `${name}.`));
      continue;
    }
    if (!isFunctionOrClass(checker, target)) continue;
    if (!declarations.some(hasExample)) missing.push(name);
  }
  return missing.sort();
}

/** A function, a class or a const holding a function (`export const step = (...) => ...`). */
function isFunctionOrClass(checker: ts.TypeChecker, symbol: ts.Symbol): boolean {
  if (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class)) return true;
  if (!(symbol.flags & ts.SymbolFlags.Variable)) return false;
  return checker.getTypeOfSymbol(symbol).getCallSignatures().length > 0;
}

/** The declaration (or, for a const, its statement) carries an @example tag. */
function hasExample(declaration: ts.Declaration): boolean {
  const tagged = (node: ts.Node) => ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
  if (tagged(declaration)) return true;
  // `export declare const f: ...`: the comment sits on the variable statement.
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent?.parent : undefined;
  return statement !== undefined && tagged(statement);
}
