import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { memory, tensor } from '../index.js';

/** The FinalizationRegistry backstop frees the data of tensors dropped without dispose(). */
test('tensors dropped without dispose are freed when collected', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const before = memory();
  (() => {
    for (let i = 0; i < 10; i++) tensor([1, 2, 3, i]);
  })();
  expect(memory().numTensors - before.numTensors).toBe(10);
  for (let attempt = 0; attempt < 20 && memory().numTensors > before.numTensors; attempt++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(memory().numTensors).toBe(before.numTensors);
  expect(memory().numDataBuffers).toBe(before.numDataBuffers);
});
