import { readFileSync } from 'node:fs';
import * as core from '../index.js';

/** Runs the README's "Your own surrogate" example as written (plain JavaScript-compatible TypeScript). */
test('the README surrogate.define example runs and prints what it says', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /### Your own surrogate[^\n]*\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const lines = block!.split('\n');
  const names = /\{([^}]*)\}/
    .exec(lines.find((l) => l.startsWith('import'))!)![1]
    .split(',')
    .map((s) => s.trim());
  for (const n of names) expect(core).toHaveProperty(n);
  // Type annotations are the only TypeScript in the block.
  const body = lines
    .filter((l) => !l.startsWith('import'))
    .join('\n')
    .replace(/\(i: typeof input\)/, '(i)');
  const printed: unknown[] = [];
  const lib = core as unknown as Record<string, unknown>;
  core.tidy(() => {
    new Function('console', ...names, body)(
      { log: (v: unknown) => printed.push(v) },
      ...names.map((n) => lib[n]),
    );
  });
  expect(printed[0]).toEqual([0, 0, 1]);
  const g = printed[1] as number[];
  [3 * Math.exp(-2.25), 3, 3 * Math.exp(-0.36)].forEach((want, k) => {
    expect(g[k]).toBeCloseTo(want, 5);
  });
  expect(g[0]).toBeCloseTo(0.3162, 4);
  expect(g[2]).toBeCloseTo(2.093, 3);
  expect(printed[2]).toEqual([4, 1]);
  expect(core.getBackend().supportsSurrogate?.('gaussian')).toBe(true);
});
