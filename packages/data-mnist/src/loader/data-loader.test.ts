import { DatasetError } from '../errors.js';
import { ImageDataset } from '../image-dataset.js';
import { DataLoader, randomSplit, toFloat32 } from './data-loader.js';
import { mulberry32, permutation, uniformInt } from './prng.js';

/** n 2x2 images; image i has every pixel = i, label i % 10. */
function toy(n: number, stats?: { mean: number; std: number }): ImageDataset {
  const images = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) images.fill(i, i * 4, i * 4 + 4);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return new ImageDataset(images, labels, 2, 2, 10, 0, stats);
}

describe('mulberry32', () => {
  it('matches the reference sequence of the published algorithm', () => {
    // First outputs of mulberry32(1), computed from the reference C/JS implementation.
    const next = mulberry32(1);
    const first = [next(), next(), next()];
    expect(first.map((x) => x / 2 ** 32)).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it('draws unbiased integers in range', () => {
    const next = mulberry32(42);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[uniformInt(next, 6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
  });

  it('permutation is a deterministic permutation', () => {
    const p = permutation(1000, 7);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(permutation(1000, 7)).toEqual(p);
    expect(permutation(1000, 8)).not.toEqual(p);
  });
});

describe('DataLoader', () => {
  it('keeps or drops the last partial batch', () => {
    const ds = toy(10);
    const keep = [...new DataLoader(ds, { batchSize: 4, normalize: 'none' })];
    expect(keep.map((b) => b.batchSize)).toEqual([4, 4, 2]);
    expect(keep[2].shape).toEqual([2, 1, 2, 2]);
    expect(keep[2].images.length).toBe(8);
    const drop = new DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(drop.length).toBe(2);
    expect([...drop].map((b) => b.batchSize)).toEqual([4, 4]);
  });

  it('without shuffling yields examples in order with their labels', () => {
    const batches = [...new DataLoader(toy(12), { batchSize: 5, normalize: 'none' })];
    expect(Array.from(batches[1].indices)).toEqual([5, 6, 7, 8, 9]);
    expect(Array.from(batches[1].labels)).toEqual([5, 6, 7, 8, 9]);
    expect(Array.from(batches[2].images)).toEqual([10, 10, 10, 10, 11, 11, 11, 11]);
  });

  it('shuffles deterministically per seed and epoch, visiting every example once', () => {
    const ds = toy(50);
    const a = new DataLoader(ds, { batchSize: 8, shuffle: true, seed: 1 });
    const b = new DataLoader(ds, { batchSize: 8, shuffle: true, seed: 1 });
    const c = new DataLoader(ds, { batchSize: 8, shuffle: true, seed: 2 });
    const e0 = a.order(0);
    expect(b.order(0)).toEqual(e0);
    expect(a.order(1)).not.toEqual(e0);
    expect(c.order(0)).not.toEqual(e0);
    // iterating runs epochs 0, 1, ... in turn
    const first = [...a].flatMap((x) => Array.from(x.indices));
    const second = [...a].flatMap((x) => Array.from(x.indices));
    expect(first).toEqual(Array.from(e0));
    expect(second).toEqual(Array.from(a.order(1)));
    expect([...first].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // labels travel with their images
    for (const batch of a.epoch(3)) {
      for (let k = 0; k < batch.batchSize; k++) expect(batch.labels[k]).toBe(batch.indices[k] % 10);
    }
  });

  it('normalises standard (dataset stats by default), unit, none and explicit', () => {
    const ds = toy(3, { mean: 0.1307, std: 0.3081 });
    const first = (opts: object) => [...new DataLoader(ds, { batchSize: 3, ...opts })][0].images;
    expect(first({})[8]).toBeCloseTo((2 / 255 - 0.1307) / 0.3081, 6);
    expect(first({ normalize: 'unit' })[8]).toBeCloseTo(2 / 255, 7);
    expect(first({ normalize: 'none' })[8]).toBe(2);
    expect(first({ normalize: { mean: 0.5, std: 0.5 } })[8]).toBeCloseTo((2 / 255 - 0.5) / 0.5, 6);
    // no stats known: the default is [0, 1] scaling, and asking for 'standard' says what to pass
    expect([...new DataLoader(toy(3), { batchSize: 3 })][0].images[8]).toBeCloseTo(2 / 255, 7);
    expect(() => new DataLoader(toy(3), { normalize: 'standard' })).toThrow(DatasetError);
    expect(() => new DataLoader(toy(3), { batchSize: 0 })).toThrow(/batchSize/);
  });

  it('toFloat32 normalises the whole set exactly as the batches do', () => {
    const ds = toy(7, { mean: 0.1307, std: 0.3081 });
    const all = toFloat32(ds);
    const batched = [...new DataLoader(ds, { batchSize: 3 })].flatMap((b) => Array.from(b.images));
    expect(Array.from(all)).toEqual(batched);
    expect(toFloat32(ds, { normalize: 'unit' })[27]).toBeCloseTo(6 / 255, 7);
  });

  it('reuses one buffer per full batch when asked, never copying the dataset', () => {
    const loader = new DataLoader(toy(10), { batchSize: 4, reuseBuffers: true, normalize: 'none' });
    const batches = [...loader];
    expect(batches[0].images).toBe(batches[1].images);
    expect(batches[2].images).not.toBe(batches[0].images); // the partial batch has its own size
  });
});

describe('subsets and splits', () => {
  it('slice/take are views; select copies the chosen rows', () => {
    const ds = toy(20);
    const head = ds.take(5);
    expect(head.length).toBe(5);
    expect(head.images.buffer).toBe(ds.images.buffer);
    const picked = ds.select([3, 17]);
    expect(Array.from(picked.labels)).toEqual([3, 7]);
    expect(Array.from(picked.image(1))).toEqual([17, 17, 17, 17]);
    expect(() => ds.select([20])).toThrow(DatasetError);
  });

  it('slice bounds are whole numbers: slice(2.5, 7.5) is an error, not a silently shifted view', () => {
    const ds = toy(20);
    expect(() => ds.slice(2.5, 7.5)).toThrow(
      new DatasetError('slice: start must be a whole number, got 2.5'),
    );
    expect(() => ds.slice(2, 7.5)).toThrow('slice: end must be a whole number, got 7.5');
    expect(() => ds.take(Number.NaN)).toThrow(DatasetError);
    expect(ds.slice(2, 7).length).toBe(5);
    expect(ds.slice(-3, 100).length).toBe(20); // whole numbers are clamped, as Array.prototype.slice
  });

  it('randomSplit makes disjoint deterministic parts by fraction or count', () => {
    const ds = toy(100);
    const [a, b] = randomSplit(ds, 0.8, 5);
    expect([a.length, b.length]).toEqual([80, 20]);
    const ids = [
      ...Array.from(a.images.filter((_, i) => i % 4 === 0)),
      ...Array.from(b.images.filter((_, i) => i % 4 === 0)),
    ];
    expect(new Set(ids).size).toBe(100);
    const [a2] = randomSplit(ds, 80, 5);
    expect(a2.images).toEqual(a.images);
    const [head, tail] = randomSplit(ds, 30);
    expect(head.image(29)[0]).toBe(29);
    expect(tail.image(0)[0]).toBe(30);
    expect(() => randomSplit(ds, 101)).toThrow(DatasetError);
  });
});
