import type { PresetName } from '../../presets.js';
import type { Phase } from './figure.js';
import type { Target } from './runner.js';

/** One child process to run: a target (runner + backend), a network, a phase. */
export interface Job {
  readonly target: Target;
  readonly net: PresetName;
  readonly phase: Phase;
  /** For a baseline figure: the subject figure it was measured right after, to be divided by it. */
  readonly pairs?: Job;
}

export interface PlanInput {
  readonly nets: readonly PresetName[];
  readonly phases: readonly Phase[];
  /** Every runner's targets except the baseline's. */
  readonly subjects: readonly Target[];
  /** The baseline's targets (PyTorch): measured right after each subject figure. */
  readonly baselines: readonly Target[];
  /** Whether a subject target measures this network (e.g. the reference backend only a sanity row). */
  readonly includes?: (target: Target, net: PresetName) => boolean;
}

/**
 * The order of the figures: network by network, and within one, each subject figure followed at once
 * by the baseline's figure for the same network and phase (ours, PyTorch, ours, PyTorch, ...), so that
 * every ratio compares two measurements taken back to back under the same machine load. With no
 * subject left for a network, the baseline still runs once per phase.
 */
export function planJobs(input: PlanInput): Job[] {
  const jobs: Job[] = [];
  for (const net of input.nets) {
    let paired = 0;
    for (const target of input.subjects) {
      if (input.includes && !input.includes(target, net)) continue;
      for (const phase of input.phases) {
        if (!target.phases.includes(phase)) continue;
        const subject: Job = { target, net, phase };
        jobs.push(subject);
        paired += 1;
        for (const base of input.baselines)
          if (base.phases.includes(phase)) jobs.push({ target: base, net, phase, pairs: subject });
      }
    }
    if (paired === 0) {
      for (const phase of input.phases)
        for (const base of input.baselines)
          if (base.phases.includes(phase)) jobs.push({ target: base, net, phase });
    }
  }
  return jobs;
}
