import { exportOnnx, OPSET, writeOnnx } from '@snn/onnx';
import type { ExportOnnxConfig } from '../cli/onnx-config.js';
import { UsageError } from '../errors.js';
import { presetExport } from '../onnx/preset-export.js';
import { useBackend } from '../runtime/backend.js';
import { restoreNetwork } from '../train/restore.js';

export interface ExportOnnxSummary {
  readonly model: string;
  readonly encoder: string;
  readonly form: 'sequence' | 'step';
  readonly steps: number;
  readonly opset: number;
  readonly bytes: number;
  readonly out: string;
  readonly checkpoint: string;
}

/** `mnist-demo export-onnx`: a checkpoint's network, encoder and decoder as one ONNX file. */
export async function exportOnnxRun(
  config: ExportOnnxConfig,
  log: (line: string) => void,
): Promise<ExportOnnxSummary> {
  await useBackend('auto');
  const { network, run } = await restoreNetwork(config.checkpoint);
  const form = config.perStep ? 'step' : 'sequence';
  const spec = presetExport(network, run, form);
  log(
    `exporting ${run.config.preset} (${run.config.encoder} encoder, T ${run.config.steps}) as ${form === 'step' ? 'one time step' : 'the whole sequence'}`,
  );
  const bytes = await exportOnnx(spec.network, spec.options);
  try {
    await writeOnnx(config.out, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${config.out}: ${(error as Error).message}`);
  }
  return {
    model: run.config.preset,
    encoder: run.config.encoder,
    form,
    steps: run.config.steps,
    opset: OPSET,
    bytes: bytes.length,
    out: config.out,
    checkpoint: config.checkpoint,
  };
}
