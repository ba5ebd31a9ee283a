import { onnxRunner } from './onnx-runner.js';
import { oursRunner } from './ours-runner.js';
import { pytorchRunner } from './pytorch-runner.js';
import type { Runner } from './runner.js';

/**
 * Every runner `npm run bench` knows, in the order their figures are taken for a network. A Runner probes
 * what it can measure on this machine and describes the child process of one figure; its figures are
 * then paired with the baseline's (PyTorch) like ours. Our backends are not listed here: the `ours`
 * runner measures every backend mnist-demo can name (BACKEND_CHOICES) that starts on this machine, so
 * a backend added to the app (its package installed and registered by runtime/backend.ts) is measured
 * with no change to the harness.
 */
export const RUNNERS: readonly Runner[] = [oursRunner, onnxRunner, pytorchRunner];
