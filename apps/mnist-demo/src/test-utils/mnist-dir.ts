import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The MNIST files for tests: $SNN_MNIST_DIR, else the repo's shared copy (../shared/data/mnist). */
export function mnistDir(): string {
  const fromEnv = process.env.SNN_MNIST_DIR;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/mnist');
  if (existsSync(shared)) return shared;
  throw new Error(`MNIST test data not found: set SNN_MNIST_DIR (looked in ${shared})`);
}
