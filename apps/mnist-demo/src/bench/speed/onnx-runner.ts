import { fileURLToPath } from 'node:url';
import { requestFlags } from './figure.js';
import { runChild } from './run-child.js';
import type { Runner, Target } from './runner.js';

/** The `--backend` name of the onnxruntime-node runner's figures (not one of our backends). */
export const ONNX_BACKEND = 'onnxruntime-node';

const CHILD = fileURLToPath(new URL('./measure-child.js', import.meta.url));

/**
 * The presets exported to ONNX (as `mnist-demo export-onnx` writes them) and run by onnxruntime-node:
 * inference only, at the same thread counts as PyTorch (1 and the core count by default), each figure
 * paired with PyTorch's like ours. Skipped with its reason where onnxruntime-node does not load.
 */
export const onnxRunner: Runner = {
  name: 'onnx',
  baseline: false,
  async probe(context) {
    const probe = await runChild(
      { command: process.execPath, args: [CHILD, '--probe', '--backend', ONNX_BACKEND] },
      120,
    );
    const value = probe.ok
      ? (probe.value as { available?: boolean; version?: string; reason?: string })
      : undefined;
    if (!value?.available) {
      return { targets: [], skipped: [`onnx/${ONNX_BACKEND}: ${probe.ok ? value?.reason : probe.error}`] };
    }
    const targets = context.torchThreads.map(
      (threads): Target => ({ runner: 'onnx', backend: ONNX_BACKEND, threads, phases: ['infer'] }),
    );
    return {
      targets,
      skipped: [],
      about: `onnxruntime-node ${value.version ?? ''} at ${context.torchThreads.join(' and ')} intra-op threads (inference of the ONNX export)`,
    };
  },
  command(target, request) {
    return {
      command: process.execPath,
      args: [CHILD, '--backend', ONNX_BACKEND, '--threads', String(target.threads), ...requestFlags(request)],
    };
  },
};
