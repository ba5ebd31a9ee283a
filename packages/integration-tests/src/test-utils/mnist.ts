import { isMissing } from './requirements.js';

/*
 * Tests that train on MNIST read it from $SNN_MNIST_DIR (tests never download); where the global
 * setup found the files missing (one line printed, see requirements.ts) they are registered as skipped.
 */
const missing = isMissing('mnist');

/** The MNIST folder, or undefined when the files are missing (the tests that read it are skipped). */
export const mnistDir: string | undefined = missing ? undefined : process.env.SNN_MNIST_DIR;

/** `describe`, or `describe.skip` when the MNIST files are missing. */
export const describeWithMnist = missing ? describe.skip : describe;
