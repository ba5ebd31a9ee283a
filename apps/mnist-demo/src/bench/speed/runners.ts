import { oursRunner } from './ours-runner.js';
import { pytorchRunner } from './pytorch-runner.js';
import type { Runner } from './runner.js';

/**
 * Every runner `pnpm bench` knows, in the order their figures are taken for a network. Add one here
 * (e.g. onnxruntime-node inference): a Runner probes what it can measure on this machine and describes
 * the child process of one figure; its figures are then paired with the baseline's (PyTorch) like ours.
 */
export const RUNNERS: readonly Runner[] = [oursRunner, pytorchRunner];
