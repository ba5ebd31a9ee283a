import type { FigureRequest, Phase } from './figure.js';

/** One backend (or engine) a runner measures on, as its probe found it on this machine. */
export interface Target {
  readonly runner: string;
  readonly backend: string;
  /** CPU threads it computes with; null where it does not say (GPU backends). */
  readonly threads: number | null;
  readonly phases: readonly Phase[];
  /** What the runner's probe found and its `command` needs (e.g. which python, its threads). */
  readonly settings?: Readonly<Record<string, string>>;
}

/** A process to start for one figure; it prints the Figure as its last JSON line on stdout. */
export interface ChildCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface ProbeResult {
  readonly targets: readonly Target[];
  /** One line per backend or runner that is not measured here, and why. */
  readonly skipped: readonly string[];
  /** Versions and settings worth a line in the header (e.g. the PyTorch version). */
  readonly about?: string;
}

export interface ProbeContext {
  /** The backends the user asked for (undefined: all this runner has). */
  readonly backends: readonly string[] | undefined;
  /** The PyTorch runner's settings (other runners ignore them). */
  readonly python: string | undefined;
  readonly torchThreads: readonly number[];
}

/**
 * A way of running the presets' networks: ours on each of our backends, PyTorch, and later others
 * (onnxruntime-node inference). Each measurement is a child process the runner describes. The
 * `baseline` runner's targets (PyTorch at each thread count) are measured right after every other
 * runner's figure on the same network and phase, and each figure is reported as a ratio to the best.
 */
export interface Runner {
  readonly name: string;
  readonly baseline: boolean;
  probe(context: ProbeContext): Promise<ProbeResult>;
  command(target: Target, request: FigureRequest): ChildCommand;
}
