import { examplesOf, namesOf, prelude } from './tsdoc-examples.js';

describe('examplesOf', () => {
  const source = [
    '/**', // 1
    ' * Adds.', // 2
    ' *', // 3
    ' * @example', // 4
    ' * ```ts', // 5
    " * import { add } from '@snn/core';", // 6
    ' * add(a, b);', // 7
    ' * ```', // 8
    ' */', // 9
    'export class A {', // 10
    '  /**', // 11
    '   * @example', // 12
    '   * ```ts', // 13
    '   * // a comment first', // 14
    '   * const y = tensor([1]);', // 15
    '   * ```', // 16
    '   */', // 17
    '}', // 18
  ].join('\n');
  const examples = examplesOf('packages/core/src/a.ts', '@snn/core', source);

  it('finds each example, its first code line and its code without the comment prefix', () => {
    expect(examples.map((e) => [e.firstLine, e.code])).toEqual([
      [6, "import { add } from '@snn/core';\nadd(a, b);\n"],
      [14, '// a comment first\nconst y = tensor([1]);\n'],
    ]);
  });

  it('calls an example that starts with an import a full program, any other a fragment', () => {
    expect(examples.map((e) => e.full)).toEqual([true, false]);
  });
});

describe('namesOf', () => {
  it('separates the names a fragment uses from those it declares, members and keys left out', () => {
    const { used, declared } = namesOf('const [a, { b }] = f(x.y, { k: z });\nclass C {}\n');
    expect([...declared].sort()).toEqual(['C', 'a', 'b']);
    expect(used.has('f') && used.has('x') && used.has('z')).toBe(true);
    expect(used.has('y') || used.has('k')).toBe(false);
  });
});

describe('prelude', () => {
  const exports = new Map([
    [
      '@snn/modules',
      new Map([
        ['Linear', { typeOnly: false }],
        ['tensor', { typeOnly: false }],
      ]),
    ],
    [
      '@snn/core',
      new Map([
        ['tensor', { typeOnly: false }],
        ['Tensor', { typeOnly: true }],
        ['zeros', { typeOnly: false }],
      ]),
    ],
  ]);
  const fragment = (code: string) => ({
    file: 'f.ts',
    firstLine: 1,
    code,
    packageName: '@snn/modules',
    full: false,
  });

  it('imports the names a fragment uses, its own package first, types as types, fs functions too', () => {
    const code = "const x: Tensor = tensor([1]);\nnew Linear(1, 1);\nawait readFile('a');\n";
    expect(prelude(fragment(code), exports)).toEqual([
      "import { Linear, tensor } from '@snn/modules';",
      "import { type Tensor } from '@snn/core';",
      "import { readFile } from 'node:fs/promises';",
    ]);
  });

  it('imports nothing the fragment declares itself', () => {
    expect(prelude(fragment('const zeros = 1;\nconsole.log(zeros);\n'), exports)).toEqual([]);
  });
});
