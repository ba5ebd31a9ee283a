import { readFileSync } from 'node:fs';
import * as core from './index.js';

/** Runs the README's example as written (it is plain JavaScript-compatible TypeScript). */
test('the README example runs and prints what it says', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /## Example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const lines = block!.split('\n');
  const importLine = lines.find((l) => l.startsWith('import'))!;
  const names = /\{([^}]*)\}/
    .exec(importLine)![1]
    .split(',')
    .map((s) => s.trim());
  for (const n of names) expect(core).toHaveProperty(n);
  const body = lines.filter((l) => !l.startsWith('import')).join('\n');
  expect(body.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(15);
  const printed: unknown[] = [];
  const fakeConsole = { log: (v: unknown) => printed.push(v) };
  const lib = core as unknown as Record<string, unknown>;
  new Function('console', ...names, body)(fakeConsole, ...names.map((n) => lib[n]));
  expect(printed[0]).toBeCloseTo(0.3187, 4);
  expect((printed[1] as number[][])[0][0]).toBeCloseTo(0.3138, 4);
  expect((printed[1] as number[][])[1][0]).toBeCloseTo(0.3351, 4);
  expect(printed[2]).toBe(true);
});
