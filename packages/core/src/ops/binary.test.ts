import { div, memory, pow, tensor } from '../index.js';

test('div and pow of integer tensors compute in float32 and leave only their result alive', () => {
  const a = tensor([1, 2], [2], 'int32');
  const b = tensor([4, 2], [2], 'int32');
  const before = memory().numTensors;
  const q = div(a, b);
  const p = pow(a, b);
  expect(q.dtype).toBe('float32');
  expect(Array.from(q.dataSync())).toEqual([0.25, 1]);
  expect(Array.from(p.dataSync())).toEqual([1, 4]);
  expect(memory().numTensors).toBe(before + 2);
  q.dispose();
  p.dispose();
  a.dispose();
  b.dispose();
});
