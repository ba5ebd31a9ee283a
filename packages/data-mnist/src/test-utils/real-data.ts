import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The real MNIST files: `SNN_MNIST_DIR` when set, else the repo's shared copy
 * (`../../../shared/data/mnist` from the package directory). Undefined when absent.
 */
export function realMnistDir(): string | undefined {
  const candidates = [process.env.SNN_MNIST_DIR, resolve(here, '../../../../../shared/data/mnist')];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'train-images-idx3-ubyte.gz'))) return dir;
  }
  return undefined;
}

/** `describe` when the real files exist; otherwise one skipped test whose name says why. */
export function describeWithMnist(name: string, body: (dir: string) => void): void {
  const dir = realMnistDir();
  if (dir === undefined) {
    describe(name, () => {
      it.skip('SKIPPED: real MNIST files not found (set SNN_MNIST_DIR or add ../shared/data/mnist)', () => {});
    });
    console.warn(`${name}: real MNIST files not found, tests skipped (set SNN_MNIST_DIR)`);
    return;
  }
  describe(name, () => body(dir));
}
