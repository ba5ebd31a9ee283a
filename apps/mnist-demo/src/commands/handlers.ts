import { asciiDigit } from '../cli/ascii-digit.js';
import type { CommandHandlers } from '../cli/program.js';
import { createProgress } from '../cli/progress.js';

export interface ConsoleIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * The real commands. Results go to stdout (with `--json`, one JSON object as the last line); logs
 * and progress go to stderr. Each command's module is imported only when it runs, so `--help` and
 * flag errors never load a backend.
 */
export function consoleHandlers(
  io: ConsoleIO = { stdout: process.stdout, stderr: process.stderr },
): CommandHandlers {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const log = (line: string) => io.stderr.write(`${line}\n`);
  return {
    async train(config) {
      const { trainRun } = await import('../train/train-run.js');
      const summary = await trainRun(config, { progress: createProgress({ stream: io.stderr }), log });
      out(
        `${summary.model} (${summary.encoder}, ${summary.backend}): test accuracy ${summary.test_accuracy.toFixed(2)}% ` +
          `(test loss ${summary.test_loss.toFixed(4)}) after ${summary.epochs} epoch${summary.epochs === 1 ? '' : 's'}, ` +
          `${summary.train_samples_per_s} train samples/s, ${summary.seconds} s`,
      );
      out(`checkpoint: ${summary.checkpoint}`);
      if (config.json) out(JSON.stringify(summary));
    },
    async eval(config) {
      const { evalRun } = await import('./eval-command.js');
      const summary = await evalRun(config, log);
      out(
        `${summary.model} (${summary.backend}): test accuracy ${summary.test_accuracy.toFixed(2)}% ` +
          `(test loss ${summary.test_loss.toFixed(4)}) on ${summary.test_samples} images, ${summary.infer_samples_per_s} samples/s`,
      );
      if (config.json) out(JSON.stringify(summary));
    },
    async predict(config) {
      const { predictRun } = await import('./predict-command.js');
      const summary = await predictRun(config, log);
      for (const p of summary.predictions) {
        out(
          `test image ${p.index}: label ${p.label}, predicted ${p.predicted} ${p.predicted === p.label ? '(right)' : '(wrong)'}`,
        );
        out(asciiDigit(p.pixels, 28, 28));
        out(`scores: ${p.scores.join(' ')}`);
      }
      out(`${summary.correct}/${summary.predictions.length} right`);
      if (config.json) {
        out(
          JSON.stringify({
            ...summary,
            predictions: summary.predictions.map(({ pixels: _p, ...rest }) => rest),
          }),
        );
      }
    },
    async exportOnnx(config) {
      const { exportOnnxRun } = await import('./export-onnx-command.js');
      const s = await exportOnnxRun(config, log);
      out(
        `${s.model} (${s.encoder}, T ${s.steps}): wrote ${s.out}, ${s.form === 'step' ? 'one time step' : 'whole sequence'}, ONNX opset ${s.opset}, ${(s.bytes / 1024).toFixed(0)} KiB`,
      );
      if (config.json) out(JSON.stringify(s));
    },
    async exportNir(config) {
      const { exportNirRun } = await import('./export-nir-command.js');
      const s = await exportNirRun(config, log);
      out(
        `${s.model} (${s.encoder} encoder outside, T ${s.steps}): wrote ${s.out}, a NIR graph of ${s.nodes} nodes and ${s.edges} edges at dt ${s.dt} s, ${(s.bytes / 1024).toFixed(0)} KiB`,
      );
      if (config.json) out(JSON.stringify(s));
    },
    async agree(config) {
      const { agreeRun } = await import('./agree-command.js');
      const s = await agreeRun(config, log);
      out(
        `${s.model}: predictions agree on ${s.agree} of ${s.test_samples} images (${s.agreement}%), scores within 1e-4 on ${s.scores_close} (library on ${s.backend} ${s.library_seconds} s, onnxruntime ${s.onnx_seconds} s)`,
      );
      if (config.json) out(JSON.stringify(s));
    },
    async infer(config) {
      const { inferRun } = await import('./infer-command.js');
      const s = await inferRun(config, log);
      out(
        `${s.model} (${s.form} ONNX, onnxruntime-node, threads ${s.threads}): test accuracy ${s.test_accuracy.toFixed(2)}% on ${s.test_samples} images, ${s.infer_samples_per_s} samples/s`,
      );
      if (config.json) out(JSON.stringify(s));
    },
  };
}
