/*
 * Tests that train or evaluate read the real MNIST files from $SNN_MNIST_DIR only (tests never
 * download). The jest global setup (scripts/jest-requirements.mjs) checks that folder once per run;
 * where it lacks the files it prints one line saying how to add them and lists 'mnist' in
 * $SNN_TEST_MISSING, and these tests are registered as skipped (SNN_REQUIRE=mnist fails instead).
 */
const missing = (process.env.SNN_TEST_MISSING ?? '').split(',').includes('mnist');

/** The MNIST folder for tests ('' when missing: the tests that use it are skipped). */
export function mnistDir(): string {
  return missing ? '' : (process.env.SNN_MNIST_DIR ?? '');
}

/** `test`, or `test.skip` when the MNIST files are missing. */
export const testWithMnist = missing ? test.skip : test;

/** `describe`, or `describe.skip` when the MNIST files are missing. */
export const describeWithMnist = missing ? describe.skip : describe;
