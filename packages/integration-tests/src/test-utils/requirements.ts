/*
 * The jest global setup (scripts/jest-requirements.mjs at the repository root) checks once per run
 * whether this machine has a WebGPU adapter and the MNIST files, prints one line for each that is
 * missing (what, and how to get it) and lists them in $SNN_TEST_MISSING. With $SNN_REQUIRE naming
 * one (CI), a missing one fails the run there instead.
 */
export function isMissing(what: 'gpu' | 'mnist'): boolean {
  return (process.env.SNN_TEST_MISSING ?? '').split(',').includes(what);
}

/** `test`, or `test.skip` when there is no WebGPU adapter (jest then runs none of the file's hooks). */
export const testWithGpu = isMissing('gpu') ? test.skip : test;
