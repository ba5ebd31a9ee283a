import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expectClose,
  expectRelative,
  expectSpikes,
  fixtureTensor,
  flat,
  loadReferenceFixture,
  REFERENCE_DIR_ENV,
  referenceDir,
  shapeOf,
} from './index.js';

describe('reference fixtures', () => {
  const saved = { env: process.env[REFERENCE_DIR_ENV], cwd: process.cwd() };
  afterEach(() => {
    if (saved.env === undefined) delete process.env[REFERENCE_DIR_ENV];
    else process.env[REFERENCE_DIR_ENV] = saved.env;
    process.chdir(saved.cwd);
  });

  it("finds the repository's vendored fixtures from a package directory and loads typed JSON", () => {
    delete process.env[REFERENCE_DIR_ENV];
    expect(referenceDir()).toMatch(/[/\\]packages[/\\]reference-fixtures[/\\]fixtures$/);
    const f = loadReferenceFixture('norse-lif-feed-forward-step');
    expect(f.library).toMatch(/norse/i);
    expect(loadReferenceFixture('norse-lif-feed-forward-step.json').outputs).toEqual(f.outputs);
    const x = fixtureTensor(f.inputs.x);
    expect(x.shape).toEqual(shapeOf(f.inputs.x));
    expect(Array.from(x.dataSync())).toEqual(flat(f.inputs.x).map(Math.fround));
  });

  it('fails (never skips) naming where it looked when the directory is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'snn-no-fixtures-'));
    try {
      delete process.env[REFERENCE_DIR_ENV];
      process.chdir(empty);
      expect(() => loadReferenceFixture('snntorch-leaky')).toThrow(
        new RegExp(`reference fixtures not found: .*${empty}.*SNN_REFERENCE_DIR`),
      );
      process.env[REFERENCE_DIR_ENV] = join(empty, 'nowhere');
      expect(() => referenceDir()).toThrow(
        `$SNN_REFERENCE_DIR is ${join(empty, 'nowhere')}, which does not exist`,
      );
      process.env[REFERENCE_DIR_ENV] = empty;
      expect(() => loadReferenceFixture('snntorch-leaky')).toThrow(
        `reference fixture ${join(empty, 'snntorch-leaky.json')} does not exist`,
      );
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('flat and shapeOf read nested arrays, time first', () => {
    expect(
      shapeOf([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([2, 3]);
    expect(shapeOf(7)).toEqual([]);
    expect(
      flat([
        [1, 2],
        [3, [4] as never],
      ]),
    ).toEqual([1, 2, 3, 4]);
  });
});

describe('closeness assertions', () => {
  it('expectClose uses |a-b| <= 1e-4 * max|b| + 1e-6 and reports the worst element', () => {
    // max|b| = 10: tolerance 1e-3 + 1e-6.
    expect(expectClose([10, 1.001], [[10], [1]], 'x')).toBeCloseTo(1e-3, 9);
    expect(() => expectClose([10, 1.0011], [10, 1], 'x')).toThrow(
      /^x: max error .* at flat index 1 \(got 1\.0011, want 1\)/,
    );
    expect(() => expectClose([Number.NaN], [0], 'nan')).toThrow(/^nan: max error NaN/);
    expect(() => expectClose([1, 2], [1], 'len')).toThrow('len: 2 values, expected 1');
    expect(expectClose([2.5], 2.5)).toBe(0);
    expect(() => expectClose([1.5e-6], [0])).toThrow(/tolerance 0\.000001$/);
  });

  it('expectRelative has no absolute floor; expectSpikes is exact', () => {
    expect(() => expectRelative([2e-9], [1e-9], 'g')).toThrow(/^g: relative error 1 > 0\.0001/);
    expect(expectRelative([1.00001e-9], [1e-9], 'g')).toBeLessThan(1e-4);
    expect(() => expectSpikes([0, 1], [[0], [0]], 'z')).toThrow('z: spike 1 is 1, expected 0');
    expect(() => expectSpikes([0, 1], [[0], [1]], 'z')).not.toThrow();
  });
});
