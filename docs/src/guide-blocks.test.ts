import { guideProgram, jsBlockLines, tsBlocks } from './guide-blocks.js';

describe('guideProgram', () => {
  const md = [
    '<!-- requires: SNN_MNIST_DIR -->',
    '```ts',
    'const a = 1;',
    '```',
    '```ts no-run',
    'browserOnly();',
    '```',
    '```sh',
    'npm test',
    '```',
    '```ts',
    'console.log(a);',
    'a;',
    '```',
  ].join('\n');

  it('joins the ts blocks in order, leaves no-run and other languages out, and reads the MNIST marker', () => {
    const program = guideProgram(md);
    expect(program.source).toBe('const a = 1;\n\nconsole.log(a);\na;\n');
    expect(program.blocks).toBe(2);
    expect(program.requiresMnist).toBe(true);
    expect(guideProgram('```ts\nx;\n```').requiresMnist).toBe(false);
  });

  it('keeps the no-run blocks apart, to be type-checked', () => {
    const program = guideProgram(md);
    expect(program.noRunSource).toBe('browserOnly();\n');
    expect(program.noRunBlocks).toBe(1);
    expect(program.noRunLines).toEqual([6]);
  });

  it('maps each program line to its markdown line (0 between blocks)', () => {
    expect(guideProgram(md).lines).toEqual([3, 0, 12, 13]);
  });

  it('lists each ts block alone, with its first markdown line (the examples of a package README)', () => {
    expect(tsBlocks(md)).toEqual([
      { code: 'const a = 1;\n', firstLine: 3, noRun: false },
      { code: 'browserOnly();\n', firstLine: 6, noRun: true },
      { code: 'console.log(a);\na;\n', firstLine: 12, noRun: false },
    ]);
  });
});

describe('jsBlockLines', () => {
  it('finds the blocks fenced as JavaScript, by their fence line, and nothing else', () => {
    const md = [
      '```js',
      'a;',
      '```',
      '```ts',
      'b;',
      '```',
      '```javascript title',
      'c;',
      '```',
      '```jsonc',
      '{}',
      '```',
      '```mjs',
      '```',
    ];
    expect(jsBlockLines(md.join('\n'))).toEqual([1, 7, 13]);
    expect(jsBlockLines('```ts\nx;\n```\n```json\n{}\n```\n')).toEqual([]);
  });
});
