import { fileURLToPath } from 'node:url';
import { BACKEND_CHOICES } from '../../cli/train-config.js';
import { PHASES, requestFlags } from './figure.js';
import { runChild } from './run-child.js';
import type { Runner, Target } from './runner.js';

/** Every backend mnist-demo can be asked for by name (a new one in BACKEND_CHOICES is measured too). */
export const OUR_BACKENDS: readonly string[] = BACKEND_CHOICES.filter((b) => b !== 'auto');

const CHILD = fileURLToPath(new URL('./measure-child.js', import.meta.url));

/** Our library through mnist-demo's own network, loader and training loop, one child per figure. */
export const oursRunner: Runner = {
  name: 'ours',
  baseline: false,
  async probe(context) {
    const wanted = context.backends ?? OUR_BACKENDS;
    const targets: Target[] = [];
    const skipped: string[] = [];
    for (const backend of wanted) {
      if (!OUR_BACKENDS.includes(backend)) {
        skipped.push(`ours/${backend}: not a backend of ours (${OUR_BACKENDS.join(', ')})`);
        continue;
      }
      const probe = await runChild(
        { command: process.execPath, args: [CHILD, '--probe', '--backend', backend] },
        120,
      );
      const value = probe.ok
        ? (probe.value as { available?: boolean; threads?: number | null; reason?: string })
        : undefined;
      if (value?.available) {
        targets.push({ runner: 'ours', backend, threads: value.threads ?? null, phases: PHASES });
      } else {
        skipped.push(`ours/${backend}: ${probe.ok ? value?.reason : probe.error}`);
      }
    }
    return { targets, skipped };
  },
  command(target, request) {
    return {
      command: process.execPath,
      args: [CHILD, '--backend', target.backend, ...requestFlags(request)],
    };
  },
};
