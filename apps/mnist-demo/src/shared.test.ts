import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

test('the shared entry (used by the web app) imports no node: module, directly or through its imports', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    expect({ file, node: src.match(/from ['"]node:[^'"]+/g) }).toEqual({ file, node: null });
    expect({ file, nodeEntry: src.match(/from ['"]@snn\/[a-z-]+\/node['"]/g) }).toEqual({
      file,
      nodeEntry: null,
    });
    for (const m of src.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(resolve(dirname(file), `${m[1]}.ts`));
  };
  visit(join(here, 'shared.ts'));
  expect(seen.size).toBeGreaterThan(10);
});
