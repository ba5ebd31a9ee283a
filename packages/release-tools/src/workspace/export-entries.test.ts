import { exportEntries, resolveTypesTarget } from './export-entries.js';

describe('exportEntries', () => {
  it('lists every code subpath with the declaration file a Node ESM TypeScript user resolves', () => {
    const entries = exportEntries({
      name: '@snn/data-mnist',
      version: '0.0.0',
      exports: {
        '.': { source: './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' },
        './browser': { source: './src/browser.ts', browser: './dist/b.js', import: './dist/browser.js' },
        './package.json': './package.json',
      },
    });
    expect(entries).toEqual([
      { subpath: '.', specifier: '@snn/data-mnist', typesFile: 'dist/index.d.ts', reportName: 'data-mnist' },
      {
        subpath: './browser',
        specifier: '@snn/data-mnist/browser',
        typesFile: 'dist/browser.d.ts',
        reportName: 'data-mnist-browser',
      },
    ]);
  });

  it('refuses a wildcard subpath and one with no types, naming the package and subpath', () => {
    expect(() => exportEntries({ name: '@snn/x', version: '0', exports: { './*': './dist/*.js' } })).toThrow(
      '@snn/x: exports["./*"] is a wildcard',
    );
    expect(() =>
      exportEntries({ name: '@snn/x', version: '0', exports: { '.': { require: './x.cjs' } } }),
    ).toThrow('@snn/x: exports["."] names no types');
  });

  it('skips the source and browser conditions, which a Node import never matches', () => {
    expect(
      resolveTypesTarget({ source: './src/a.ts', browser: './b.d.ts', node: { import: './n.js' } }),
    ).toBe('./n.d.ts');
  });
});
