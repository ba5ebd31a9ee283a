import * as snn from '../index.js';

const { tensor, memory } = snn;

// Every public op runs in its own scope: called outside any tidy, it leaves only its result alive
// (no operand casts, reshape handles or inner results of composite ops).
test('ops leave only their results alive outside tidy', () => {
  const f = tensor([
    [1, -2],
    [3, 4],
  ]);
  const i = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    [2, 2],
    'int32',
  );
  const mask = snn.greater(f, 0);
  const x4 = snn.randomUniform([1, 1, 4, 4], { seed: 1 });
  const w4 = snn.randomUniform([2, 1, 3, 3], { seed: 2 });
  const cases: [string, () => snn.Tensor | snn.Tensor[]][] = [
    ['add int+float', () => snn.add(f, i)],
    ['div int', () => snn.div(i, i)],
    ['pow int', () => snn.pow(i, 2)],
    ['equal int/float', () => snn.equal(f, i)],
    ['where', () => snn.where(mask, f, 0)],
    ['logicalAnd', () => snn.logicalAnd(mask, f)],
    ['exp int', () => snn.exp(i)],
    ['sigmoid int', () => snn.sigmoid(i)],
    ['relu', () => snn.relu(f)],
    ['clip', () => snn.clip(f, 0, 1)],
    ['spike int', () => snn.spike(i)],
    ['sum bool', () => snn.sum(mask)],
    ['mean', () => snn.mean(f)],
    ['min', () => snn.min(f, 1)],
    ['argMax bool', () => snn.argMax(mask, 1)],
    ['matMul int', () => snn.matMul(i, f)],
    ['softmax', () => snn.softmax(f)],
    ['conv2d', () => snn.conv2d(x4, w4)],
    ['maxPool2d', () => snn.maxPool2d(x4, 2)],
    ['stack', () => snn.stack([f, f])],
    ['unstack', () => snn.unstack(f)],
  ];
  const leaks: string[] = [];
  for (const [name, fn] of cases) {
    const before = memory().numTensors;
    const out = fn();
    const n = Array.isArray(out) ? out.length : 1;
    if (memory().numTensors !== before + n) leaks.push(`${name}: ${memory().numTensors - before - n} extra`);
    snn.dispose(out);
  }
  expect(leaks).toEqual([]);
  snn.dispose([f, i, mask, x4, w4]);
});

test('integer division computes in float32', () => {
  const q = snn.div(tensor([1, 2], [2], 'int32'), tensor([4, 2], [2], 'int32'));
  expect(q.dtype).toBe('float32');
  expect(Array.from(q.dataSync())).toEqual([0.25, 1]);
});
