import { existsSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Tests that train on MNIST read it from $SNN_MNIST_DIR (tests never download). Where the files are
 * missing those tests are registered as skipped, with one line saying how to add them.
 */

const dir = process.env.SNN_MNIST_DIR;

/** The MNIST folder, or undefined when $SNN_MNIST_DIR does not hold the files. */
export const mnistDir: string | undefined =
  dir !== undefined && existsSync(join(dir, 'train-images-idx3-ubyte.gz')) ? dir : undefined;

/** `describe`, or `describe.skip` (with one warning line) when MNIST is missing. */
export function describeWithMnist(name: string, body: () => void): void {
  if (mnistDir === undefined) {
    console.warn(`${name}: MNIST not found, skipped (set SNN_MNIST_DIR to a folder with the MNIST files)`);
    describe.skip(name, body);
  } else describe(name, body);
}
