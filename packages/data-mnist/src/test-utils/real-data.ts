/*
 * Tests that read the real MNIST files take them from $SNN_MNIST_DIR only (tests never download).
 * The jest global setup (scripts/jest-requirements.mjs) checks that folder once per run; where it
 * lacks the files it prints one line saying how to add them and lists 'mnist' in $SNN_TEST_MISSING,
 * and these tests are registered as skipped (SNN_REQUIRE=mnist makes that a failure instead).
 */
const missing = (process.env.SNN_TEST_MISSING ?? '').split(',').includes('mnist');

/** The folder holding the real MNIST files ('' when they are missing: the tests using it are skipped). */
export function realMnistDir(): string {
  return missing ? '' : (process.env.SNN_MNIST_DIR ?? '');
}

/** `describe`, or `describe.skip` when the MNIST files are missing. */
export function describeWithMnist(name: string, body: (dir: string) => void): void {
  (missing ? describe.skip : describe)(name, () => body(realMnistDir()));
}

/** `it`, or `it.skip` when the MNIST files are missing. */
export const itWithMnist = missing ? it.skip : it;
