import { type Tensor, tensor } from '@snn/core';
import { TrainingError } from '../errors.js';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from '../io/safetensors.js';
import type { Module } from '../module/module.js';
import type { LRScheduler, SchedulerState } from '../optim/lr-scheduler.js';
import type { Optimizer, OptimizerStateDict } from '../optim/optimizer.js';
import { isRandomStateful, type RandomStateful } from '../random/random-stateful.js';
import { getSeedState, type SeedState, setSeedState } from '../random/seed.js';

/*
 * A checkpoint is one `.safetensors` file: model tensors under `model.<key>` (PyTorch keys),
 * optimizer tensors under `optimizer.state.<i>.<name>`, and in `__metadata__` (JSON strings) the
 * epoch and step counters, optimizer and scheduler numbers and every RNG state. Values are stored
 * as exact float32 bits, so a resumed run continues bit for bit.
 */

export const CHECKPOINT_FORMAT = 'snn-checkpoint/1';

/** Where checkpoints go: a file (`@snn/modules/node`), memory, IndexedDB... `save` must be atomic. */
export interface CheckpointStore {
  save(bytes: Uint8Array): Promise<void>;
  /** The last saved checkpoint, or null if none was ever saved. */
  load(): Promise<Uint8Array | null>;
}

/** A store in memory (tests, browsers): `save` replaces the bytes in one assignment. */
export function memoryCheckpointStore(): CheckpointStore & { bytes: Uint8Array | null } {
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

export interface TrainingProgress {
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken since the start of training. */
  readonly step: number;
}

export interface CheckpointParts {
  readonly model: Module;
  readonly optimizer?: Optimizer;
  readonly scheduler?: LRScheduler;
  /** Other random generators of the run (e.g. a data shuffler or an encoder outside the model), by name. */
  readonly random?: Readonly<Record<string, RandomStateful>>;
}

interface RandomStates {
  readonly seed: SeedState;
  readonly modules: Record<string, Record<string, number>>;
  readonly other?: Record<string, Record<string, number>>;
}

async function toInput(t: Tensor): Promise<SafetensorsInput> {
  const data = await t.data();
  return { shape: t.shape, data, dtype: t.dtype === 'bool' ? 'BOOL' : undefined };
}

/** Serialises model, optimizer, scheduler, counters and RNG state into `.safetensors` bytes. */
export async function saveCheckpoint(
  parts: CheckpointParts,
  progress: TrainingProgress,
  extra: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const tensors = new Map<string, SafetensorsInput>();
  for (const [k, t] of parts.model.stateDict()) tensors.set(`model.${k}`, await toInput(t));
  const opt = parts.optimizer?.stateDict();
  if (opt) for (const [k, t] of opt.tensors) tensors.set(`optimizer.${k}`, await toInput(t));
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

/** Restores what `saveCheckpoint` wrote into the given model/optimizer/scheduler; returns the counters. */
export function loadCheckpoint(
  bytes: Uint8Array,
  parts: CheckpointParts,
): TrainingProgress & { extra: Record<string, unknown> } {
  const { tensors, metadata } = parseSafetensors(bytes);
  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new TrainingError(`not a checkpoint of this library (format "${metadata.format ?? 'missing'}")`);
  }
  const model = new Map<string, { shape: readonly number[]; data: Float32Array | Int32Array | Uint8Array }>();
  const optTensors = new Map<string, Tensor>();
  for (const [k, e] of tensors) {
    if (k.startsWith('model.')) model.set(k.slice(6), e);
  }
  parts.model.loadStateDict(model);
  if (parts.optimizer) {
    if (!metadata.optimizer) throw new TrainingError('checkpoint has no optimizer state');
    for (const [k, e] of tensors) {
      if (k.startsWith('optimizer.')) optTensors.set(k.slice(10), tensor(e.data, [...e.shape]));
    }
    parts.optimizer.loadStateDict({
      tensors: optTensors,
      meta: JSON.parse(metadata.optimizer) as OptimizerStateDict['meta'],
    });
  }
  if (parts.scheduler) {
    if (!metadata.scheduler) throw new TrainingError('checkpoint has no scheduler state');
    parts.scheduler.loadStateDict(JSON.parse(metadata.scheduler) as SchedulerState);
  }
  const rng = JSON.parse(metadata.rng) as RandomStates;
  setSeedState(rng.seed);
  for (const [path, m] of parts.model.namedModules()) {
    if (!isRandomStateful(m)) continue;
    const s = rng.modules[path];
    if (!s) throw new TrainingError(`checkpoint has no random state for module "${path}"`);
    m.setRandomState(s);
  }
  for (const [name, r] of Object.entries(parts.random ?? {})) {
    const st = rng.other?.[name];
    if (!st) throw new TrainingError(`checkpoint has no random state for "${name}"`);
    r.setRandomState(st);
  }
  const progress = JSON.parse(metadata.progress) as TrainingProgress;
  return { ...progress, extra: JSON.parse(metadata.extra ?? '{}') as Record<string, unknown> };
}
