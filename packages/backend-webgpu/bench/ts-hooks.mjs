// Node module hooks so the benches run the monorepo's TypeScript sources directly (like the tests):
// `./x.js` resolves to `./x.ts` when only the .ts exists, and .ts files are transpiled by swc.
// Use with `node --conditions=source --import ./bench/register-ts.mjs bench/<file>.ts`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

export async function resolve(specifier, context, next) {
  if (
    specifier.endsWith('.js') &&
    (specifier.startsWith('.') || specifier.startsWith('/')) &&
    context.parentURL
  ) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const ts = new URL(`${url.href.slice(0, -3)}.ts`);
      if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.endsWith('.ts')) {
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    return { format: 'module', source: code, shortCircuit: true };
  }
  return next(url, context);
}
