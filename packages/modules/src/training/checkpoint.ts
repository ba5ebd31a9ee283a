import { type Tensor, tensor } from '@snn/core';
import { TrainingError } from '../errors.js';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from '../io/safetensors.js';
import type { Module } from '../module/module.js';
import type { LRScheduler } from '../optim/lr-scheduler.js';
import type { Optimizer } from '../optim/optimizer.js';
import { isRandomStateful, type RandomStateful } from '../random/random-stateful.js';
import { getSeedState, setSeedState } from '../random/seed.js';
import { checkCheckpoint, type RandomStates } from './checkpoint-contents.js';
import { firstNonFinite } from './finite-check.js';

/*
 * A checkpoint is one `.safetensors` file: model tensors under `model.<key>` (PyTorch keys),
 * optimizer tensors under `optimizer.state.<i>.<name>`, and in `__metadata__` (JSON strings) the
 * epoch and step counters, optimizer and scheduler numbers and every RNG state. Values are stored
 * as exact float32 bits, so a resumed run continues bit for bit.
 */

/** The `format` metadata value of every checkpoint file; `loadCheckpoint` refuses any other. */
export const CHECKPOINT_FORMAT = 'snn-checkpoint/1';

/** Where checkpoints go: a file (`@snn/modules/node`), memory, IndexedDB... `save` must be atomic. */
export interface CheckpointStore {
  /** Replaces the stored checkpoint with `bytes`, all or nothing (a crash leaves the previous one). */
  save(bytes: Uint8Array): Promise<void>;
  /** The last saved checkpoint, or null if none was ever saved. */
  load(): Promise<Uint8Array | null>;
}

/**
 * A store in memory (tests, browsers): `save` replaces the bytes in one assignment.
 *
 * @example
 * ```ts
 * const store = memoryCheckpointStore();
 * const model = new Linear(2, 2);
 * await store.save(await saveCheckpoint({ model }, { epoch: 1, step: 10 }));
 * console.log(store.bytes?.length); // the checkpoint's size in bytes; fit({ checkpoint: store, ... }) does the same
 * ```
 */
export function memoryCheckpointStore(): CheckpointStore & {
  /** The last saved checkpoint (a copy of what `save` got), or null before the first save. */
  bytes: Uint8Array | null;
} {
  const store = {
    bytes: null as Uint8Array | null,
    async save(bytes: Uint8Array) {
      store.bytes = bytes.slice();
    },
    async load() {
      return store.bytes;
    },
  };
  return store;
}

/** Where training stands: the counters a checkpoint stores and `loadCheckpoint` returns. */
export interface TrainingProgress {
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken since the start of training. */
  readonly step: number;
}

/** What a checkpoint holds the state of; the same parts must be given to load it. */
export interface CheckpointParts {
  /** The model: its state dict (parameters and buffers) and the random state of its Dropout-like modules. */
  readonly model: Module;
  /** The optimizer: its per-parameter state tensors, steps and hyperparameters. */
  readonly optimizer?: Optimizer;
  /** The learning-rate scheduler's state. */
  readonly scheduler?: LRScheduler;
  /** Other random generators of the run (e.g. a data shuffler or an encoder outside the model), by name. */
  readonly random?: Readonly<Record<string, RandomStateful>>;
}

/** Options of `saveCheckpoint` and `loadCheckpoint`. */
export interface CheckpointOptions {
  /**
   * Write or load weights that hold NaN or Infinity (default false: such a checkpoint is refused,
   * since it can only come from a diverged run and would poison every run resumed from it).
   */
  readonly allowNonFinite?: boolean;
}

async function toInput(name: string, t: Tensor, allowNonFinite: boolean): Promise<SafetensorsInput> {
  const data = await t.data();
  const at = allowNonFinite || !(data instanceof Float32Array) ? undefined : firstNonFinite(data);
  if (at !== undefined) {
    throw new TrainingError(
      `not writing a checkpoint: "${name}" holds ${at.value} at index ${at.index} (the weights are not finite)`,
    );
  }
  return { shape: t.shape, data, dtype: t.dtype === 'bool' ? 'BOOL' : undefined };
}

/**
 * Serialises model, optimizer, scheduler, counters and RNG state into `.safetensors` bytes. Weights
 * or optimizer state holding NaN or Infinity are refused (a TrainingError) unless `allowNonFinite`.
 *
 * @param parts - The model, and optionally the optimizer, scheduler and other random generators.
 * @param progress - Epochs completed and optimizer steps taken.
 * @param extra - Any JSON-able object, given back by `loadCheckpoint` (default {}).
 * @param options - allowNonFinite (default false).
 * @example
 * ```ts
 * const model = new Linear(784, 10);
 * const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
 * const bytes = await saveCheckpoint({ model, optimizer }, { epoch: 3, step: 1500 }, { note: 'lr 1e-3' });
 * await writeFile('checkpoint.safetensors', bytes);
 * ```
 */
export async function saveCheckpoint(
  parts: CheckpointParts,
  progress: TrainingProgress,
  extra: Record<string, unknown> = {},
  { allowNonFinite = false }: CheckpointOptions = {},
): Promise<Uint8Array> {
  const tensors = new Map<string, SafetensorsInput>();
  for (const [k, t] of parts.model.stateDict()) {
    tensors.set(`model.${k}`, await toInput(`model.${k}`, t, allowNonFinite));
  }
  const opt = parts.optimizer?.stateDict();
  if (opt) {
    for (const [k, t] of opt.tensors)
      tensors.set(`optimizer.${k}`, await toInput(`optimizer.${k}`, t, allowNonFinite));
  }
  const modules: Record<string, Record<string, number>> = {};
  for (const [path, m] of parts.model.namedModules()) {
    if (isRandomStateful(m)) modules[path] = m.getRandomState();
  }
  const other: Record<string, Record<string, number>> = {};
  for (const [name, r] of Object.entries(parts.random ?? {})) other[name] = r.getRandomState();
  const rng: RandomStates = { seed: getSeedState(), modules, other };
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    progress: JSON.stringify(progress),
    rng: JSON.stringify(rng),
    extra: JSON.stringify(extra),
  };
  if (opt) metadata.optimizer = JSON.stringify(opt.meta);
  if (parts.scheduler) metadata.scheduler = JSON.stringify(parts.scheduler.stateDict());
  return serializeSafetensors(tensors, metadata);
}

/**
 * Restores what `saveCheckpoint` wrote into the given model/optimizer/scheduler; returns the counters.
 * Everything is checked first (metadata types and ranges, tensor keys and shapes, finite weights
 * unless `allowNonFinite`): a bad file throws a TrainingError and changes nothing.
 *
 * @param bytes - What `saveCheckpoint` returned.
 * @param parts - The same parts it was saved from (a model of the same architecture, ...).
 * @param options - allowNonFinite (default false).
 * @example
 * ```ts
 * const model = new Linear(784, 10);
 * const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
 * const bytes = await saveCheckpoint({ model, optimizer }, { epoch: 3, step: 1500 });
 * const fresh = new Linear(784, 10);
 * const freshOptimizer = new Adam(fresh.parameters(), { lr: 1e-3 });
 * const { epoch, step } = loadCheckpoint(bytes, { model: fresh, optimizer: freshOptimizer });
 * console.log(epoch, step); // 3 1500: carry on from epoch 3
 * ```
 */
export function loadCheckpoint(
  bytes: Uint8Array,
  parts: CheckpointParts,
  { allowNonFinite = false }: CheckpointOptions = {},
): TrainingProgress & {
  /** The `extra` JSON object given to `saveCheckpoint` ({} when none was). */
  extra: Record<string, unknown>;
} {
  const { tensors, metadata } = parseSafetensors(bytes);
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new TrainingError(`not a checkpoint of this library (format "${metadata.format ?? 'missing'}")`);
  }
  const c = checkCheckpoint(tensors, metadata, parts, allowNonFinite);
  parts.model.loadStateDict(c.model);
  if (parts.optimizer && c.optimizer) {
    const owned = new Map<string, Tensor>();
    for (const [k, e] of c.optimizer.tensors) owned.set(k, tensor(e.data, [...e.shape]));
    parts.optimizer.loadStateDict({ tensors: owned, meta: c.optimizer.meta });
  }
  if (parts.scheduler && c.scheduler) parts.scheduler.loadStateDict(c.scheduler);
  setSeedState(c.rng.seed);
  for (const [path, m] of parts.model.namedModules()) {
    if (isRandomStateful(m)) m.setRandomState(c.rng.modules[path]);
  }
  for (const [name, r] of Object.entries(parts.random ?? {})) r.setRandomState(c.rng.other?.[name] ?? {});
  return { ...c.progress, extra: c.extra };
}
