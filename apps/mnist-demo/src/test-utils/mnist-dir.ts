import { existsSync } from 'node:fs';

const dir = process.env.SNN_MNIST_DIR;
const present = Boolean(dir && existsSync(dir));
// CI sets SNN_MNIST_DIR and must never skip: with CI=true the tests run (and fail on missing data).
const run = present || process.env.CI === 'true';

/** The MNIST files for tests: $SNN_MNIST_DIR (the tests that read it run through `mnistTests`). */
export function mnistDir(): string {
  return dir ?? 'SNN_MNIST_DIR is not set';
}

/**
 * describe/test for tests that read MNIST: the real ones when $SNN_MNIST_DIR names a folder (or in
 * CI), else skipping ones, after one line saying what was skipped and how to run it.
 */
export function mnistTests(what: string): { describe: jest.Describe; test: jest.It } {
  if (run) return { describe, test };
  console.log(`${what}: skipped (set SNN_MNIST_DIR to a folder with the MNIST IDX files)`);
  return { describe: describe.skip, test: test.skip };
}
