/*
 * The end-to-end test needs headless Chromium and the MNIST files. The jest global setup
 * (scripts/jest-requirements.mjs at the repository root, through this package's jest.gpu.config.mjs)
 * checks both once per run: where one is missing it prints one line saying how to get it and lists it
 * in $SNN_TEST_MISSING, and the test is registered as skipped; with SNN_REQUIRE naming it (.ci/run
 * sets SNN_REQUIRE=gpu,browser,mnist) the run fails instead.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** What is missing ('browser', 'mnist'), or undefined when everything is there. */
export function missingRequirement(): string | undefined {
  const missing = (process.env.SNN_TEST_MISSING ?? '')
    .split(',')
    .filter((name) => name === 'browser' || name === 'mnist');
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/** The MNIST folder ($SNN_MNIST_DIR; the test is skipped where it lacks the files). */
export function mnistDir(): string {
  return process.env.SNN_MNIST_DIR ?? '';
}
