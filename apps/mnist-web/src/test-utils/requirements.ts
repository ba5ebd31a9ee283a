import { existsSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The end-to-end test needs Debian's Chromium and the MNIST files. On a machine without them it is
 * skipped with one line saying what is missing; in CI (CI=true) a missing requirement fails it.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const MNIST_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];

export function mnistDir(): string | undefined {
  const dir = process.env.SNN_MNIST_DIR;
  return dir && MNIST_FILES.every((f) => existsSync(join(dir, f))) ? dir : undefined;
}

/** What is missing, as one line, or undefined when everything is there. */
export function missingRequirement(): string | undefined {
  if (!existsSync(CHROMIUM)) {
    return `Chromium not found at ${CHROMIUM} (Debian: apt-get install -y chromium; or set CHROMIUM_PATH)`;
  }
  if (mnistDir() === undefined) {
    return 'MNIST not found: set SNN_MNIST_DIR to a folder with the four MNIST .gz files';
  }
  return undefined;
}
