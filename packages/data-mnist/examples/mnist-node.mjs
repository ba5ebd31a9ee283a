// The README's Node example. Run after `pnpm build`: `pnpm example` (uses SNN_MNIST_DIR if set).
import { DataLoader, loadMnist } from '@snn/data-mnist';

// Looks in dataDir, $SNN_MNIST_DIR, ~/.cache/snn/mnist, then downloads (about 11 MB) into the cache.
const train = await loadMnist({
  split: 'train',
  onProgress: (p) => process.stdout.write(`\r${p.file} ${p.receivedBytes} B`),
});
const test = await loadMnist({ split: 'test' });
console.log(train.length, test.length, train.classCounts()); // 60000 10000 [5923, 6742, ...]

// batch.images: Float32Array(256 * 784), standardised with 0.1307 / 0.3081; batch.labels: Uint8Array(256);
// batch.shape: [256, 1, 28, 28]. Each `for` over the loader is the next epoch, in a new order that is
// the same on every run with seed 42.
const loader = new DataLoader(train.take(10000), { batchSize: 256, shuffle: true, seed: 42, dropLast: true });
let seen = 0;
for (const batch of loader) seen += batch.batchSize; // epoch 0
for (const batch of loader) seen += batch.batchSize; // epoch 1
const first = loader.epoch(0).next().value;
console.log(
  `${seen} examples in two epochs of ${loader.length} batches; epoch 0 starts with`,
  first?.labels.slice(0, 8),
);
