import { readFileSync } from 'node:fs';
import { FIXTURE_DIR, loadReferenceFixture, referenceFixtureNames } from './index.js';

describe('vendored reference fixtures', () => {
  it('loads a case by name, with or without .json, from inside the repository', () => {
    const f = loadReferenceFixture('snntorch-leaky');
    expect(f.name).toBe('snntorch-leaky');
    expect(f.library).toMatch(/snntorch/);
    expect(Object.keys(f.inputs)).toContain('x');
    expect(loadReferenceFixture('snntorch-leaky.json')).toEqual(f);
    expect(FIXTURE_DIR.startsWith(new URL('../', import.meta.url).pathname)).toBe(true);
  });

  it('every file is a well-formed case named after its file', () => {
    const names = referenceFixtureNames();
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const f = loadReferenceFixture(name);
      expect(f.name).toBe(name);
      for (const key of ['library', 'description'] as const) expect(typeof f[key]).toBe('string');
      for (const key of ['params', 'inputs', 'outputs'] as const) expect(typeof f[key]).toBe('object');
    }
  });

  it('a missing case fails (never skips), naming the file and the cases that exist', () => {
    expect(() => loadReferenceFixture('norse-no-such-neuron')).toThrow(
      /reference fixture .*norse-no-such-neuron\.json does not exist; vendored fixtures: .*snntorch-leaky/,
    );
    expect(() => loadReferenceFixture('../package')).toThrow(/is not a fixture file name/);
  });

  it("the README's provenance table lists exactly the vendored files", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| ([a-z0-9-]+)\.json \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(referenceFixtureNames());
  });
});
