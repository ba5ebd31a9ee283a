import { guideProgram } from './guide-blocks.js';

describe('guideProgram', () => {
  it('joins the ts blocks in order, leaves no-run and other languages out, and reads the MNIST marker', () => {
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
      '```',
    ].join('\n');
    expect(guideProgram(md)).toEqual({
      source: 'const a = 1;\n\nconsole.log(a);\n',
      blocks: 2,
      requiresMnist: true,
    });
    expect(guideProgram('```ts\nx;\n```').requiresMnist).toBe(false);
  });
});
