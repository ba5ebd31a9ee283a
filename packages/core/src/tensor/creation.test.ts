import {
  arange,
  dispose,
  fill,
  memory,
  ones,
  onesLike,
  randomNormal,
  randomUniform,
  ShapeError,
  scalar,
  tensor,
  variable,
  zeros,
  zerosLike,
} from '../index.js';
import { uniformFloat32 } from '../random/philox.js';

test('tensor() infers shape and dtype, checks size and raggedness', () => {
  expect(tensor([[1, 2, 3]]).shape).toEqual([1, 3]);
  expect(tensor([true, false]).dtype).toBe('bool');
  expect(tensor(Int32Array.of(1, 2)).dtype).toBe('int32');
  expect(tensor(new Float32Array(6), [2, 3]).shape).toEqual([2, 3]);
  expect(scalar(2.5).shape).toEqual([]);
  expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
  expect(() => tensor([1, 2, 3], [2])).toThrow(ShapeError);
  expect(tensor([1.7, -1.7], [2], 'int32').arraySync()).toEqual([1, -1]);
});

test('fill, zeros, ones, *Like, arange', () => {
  expect(fill([2], 7, 'int32').arraySync()).toEqual([7, 7]);
  expect(zeros([2, 1]).arraySync()).toEqual([[0], [0]]);
  expect(ones([2], 'bool').arraySync()).toEqual([1, 1]);
  const x = tensor([[1, 2]], undefined, 'int32');
  expect(zerosLike(x).dtype).toBe('int32');
  expect(onesLike(x).arraySync()).toEqual([[1, 1]]);
  expect(arange(4).arraySync()).toEqual([0, 1, 2, 3]);
  expect(arange(1, 2, 0.25).arraySync()).toEqual([1, 1.25, 1.5, 1.75]);
  expect(arange(3, 0, -1).arraySync()).toEqual([3, 2, 1]);
});

test('variable: a kept, named handle requiring grad', () => {
  const v = variable(ones([2]), { name: 'bias' });
  expect(v.requiresGrad).toBe(true);
  expect(v.name).toBe('bias');
  expect(String(v)).toMatch(/'bias' \[2\] float32/);
  v.dispose();
});

test('randomUniform follows the Philox specification, with range and offset', () => {
  const u = randomUniform([3, 5], { seed: 42, offset: 2 });
  expect(Array.from(u.dataSync())).toEqual(Array.from(uniformFloat32(15, 42, 2)));
  const r = randomUniform([1000], { seed: 1, low: -2, high: 3 });
  const v = r.dataSync();
  expect(Math.min(...v)).toBeGreaterThanOrEqual(-2);
  expect(Math.max(...v)).toBeLessThan(3);
  dispose([u, r]);
});

test('randomUniform with a range outside tidy leaves only its result alive', () => {
  const before = memory().numTensors;
  const r = randomUniform([8], { seed: 3, low: -1, high: 1 });
  expect(memory().numTensors).toBe(before + 1);
  r.dispose();
  expect(memory().numTensors).toBe(before);
});

test('randomNormal: Box-Muller over the Philox stream, reproducible, right moments', () => {
  const a = randomNormal([20001], { seed: 9, mean: 1, std: 2 });
  const b = randomNormal([20001], { seed: 9, mean: 1, std: 2 });
  expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
  const v = Array.from(a.dataSync());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const variance = v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length;
  expect(Math.abs(mean - 1)).toBeLessThan(0.05);
  expect(Math.abs(Math.sqrt(variance) - 2)).toBeLessThan(0.05);
  const c = randomNormal([20001], { seed: 10 });
  expect(Array.from(c.dataSync().slice(0, 4))).not.toEqual(Array.from(v.slice(0, 4)));
  dispose([a, b, c]);
});
