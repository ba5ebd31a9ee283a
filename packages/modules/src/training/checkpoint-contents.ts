import { TrainingError } from '../errors.js';
import type { SafetensorsEntry } from '../io/safetensors.js';
import type { SchedulerState } from '../optim/lr-scheduler.js';
import type { OptimizerStateDict } from '../optim/optimizer.js';
import { isRandomStateful } from '../random/random-stateful.js';
import type { SeedState } from '../random/seed.js';
import type { CheckpointParts, TrainingProgress } from './checkpoint.js';
import { firstNonFinite } from './finite-check.js';

/*
 * Everything in a checkpoint file, checked against the parts it is to be loaded into BEFORE any of
 * them changes: JSON that parses, types and ranges of every number, keys and shapes of every tensor,
 * finite values. `loadCheckpoint` applies the result only when all of it holds, so a tampered or
 * broken file is one TrainingError and leaves the model, optimizer and scheduler as they were.
 */

type Json = unknown;
type Data = SafetensorsEntry['data'];

export interface RandomStates {
  readonly seed: SeedState;
  readonly modules: Record<string, Record<string, number>>;
  readonly other?: Record<string, Record<string, number>>;
}

export interface CheckedCheckpoint {
  readonly progress: TrainingProgress;
  readonly extra: Record<string, unknown>;
  readonly rng: RandomStates;
  readonly model: Map<string, { shape: readonly number[]; data: Data }>;
  readonly optimizer?: {
    tensors: Map<string, { shape: readonly number[]; data: Data }>;
    meta: OptimizerStateDict['meta'];
  };
  readonly scheduler?: SchedulerState;
}

const bad = (what: string, why: string) => new TrainingError(`checkpoint ${what ? `${what} ` : ''}${why}`);

function parseJson(metadata: Record<string, string>, key: string, required: boolean): Json {
  const text = metadata[key];
  if (text === undefined) {
    if (required) throw bad(`metadata "${key}"`, 'is missing');
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(`metadata "${key}"`, `is not valid JSON (${(e as Error).message})`);
  }
}

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: Json, what: string): Record<string, Json> {
  if (!isObject(v)) throw bad(what, `must be an object, got ${JSON.stringify(v)}`);
  return v;
}

function count(v: Json, what: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0) {
    throw bad(what, `must be a whole number >= 0, got ${JSON.stringify(v)}`);
  }
  return v as number;
}

function finite(v: Json, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw bad(what, `must be a finite number, got ${JSON.stringify(v)}`);
  return v;
}

function text(v: Json, what: string): string {
  if (typeof v !== 'string') throw bad(what, `must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** `{ name: number }` with finite values, as random states and their records are stored. */
function numberRecord(v: Json, what: string): Record<string, number> {
  const o = object(v, what);
  for (const [k, x] of Object.entries(o)) finite(x, `${what}.${k}`);
  return o as Record<string, number>;
}

function records(v: Json, what: string): Record<string, Record<string, number>> {
  const o = object(v, what);
  for (const [k, x] of Object.entries(o)) numberRecord(x, `${what}["${k}"]`);
  return o as Record<string, Record<string, number>>;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function finiteValues(name: string, data: Data, allowNonFinite: boolean): void {
  if (allowNonFinite || !(data instanceof Float32Array)) return;
  const at = firstNonFinite(data);
  if (at !== undefined) {
    throw bad(
      `tensor "${name}"`,
      `holds ${at.value} at index ${at.index}: the weights are not finite (a diverged run?); ` +
        'pass { allowNonFinite: true } to load it anyway',
    );
  }
}

/** Checks a parsed checkpoint against `parts`; throws a TrainingError naming the first problem. */
export function checkCheckpoint(
  tensors: ReadonlyMap<string, SafetensorsEntry>,
  metadata: Record<string, string>,
  parts: CheckpointParts,
  allowNonFinite: boolean,
): CheckedCheckpoint {
  const p = object(parseJson(metadata, 'progress', true), 'progress');
  const progress = { epoch: count(p.epoch, 'progress.epoch'), step: count(p.step, 'progress.step') };
  const extra = object(parseJson(metadata, 'extra', false) ?? {}, 'extra');

  const r = object(parseJson(metadata, 'rng', true), 'rng');
  const seedState = object(r.seed, 'rng.seed');
  const rng: RandomStates = {
    seed: { seed: count(seedState.seed, 'rng.seed.seed'), draws: count(seedState.draws, 'rng.seed.draws') },
    modules: records(r.modules ?? {}, 'rng.modules'),
    other: records(r.other ?? {}, 'rng.other'),
  };
  for (const [path, m] of parts.model.namedModules()) {
    if (isRandomStateful(m) && !Object.hasOwn(rng.modules, path)) {
      throw bad('', `has no random state for module "${path}"`);
    }
  }
  for (const name of Object.keys(parts.random ?? {})) {
    if (!Object.hasOwn(rng.other ?? {}, name)) throw bad('', `has no random state for "${name}"`);
  }

  // Model tensors: exactly the model's keys and shapes.
  const model = new Map<string, { shape: readonly number[]; data: Data }>();
  for (const [k, e] of tensors) if (k.startsWith('model.')) model.set(k.slice('model.'.length), e);
  const slots = parts.model.stateDict();
  const missing = [...slots.keys()].filter((k) => !model.has(k));
  const unexpected = [...model.keys()].filter((k) => !slots.has(k));
  if (missing.length || unexpected.length) {
    throw bad(
      'tensors',
      `do not match the model ${parts.model.constructor.name}: ` +
        [
          missing.length ? `missing ${missing.join(', ')}` : '',
          unexpected.length ? `unexpected ${unexpected.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    );
  }
  for (const [k, e] of model) {
    const want = (slots.get(k) as { shape: readonly number[] }).shape;
    if (!sameShape(e.shape, want)) {
      throw bad(
        `tensor "model.${k}"`,
        `has shape [${e.shape.join(', ')}], the model's is [${want.join(', ')}]`,
      );
    }
    finiteValues(`model.${k}`, e.data, allowNonFinite);
  }

  let optimizer: CheckedCheckpoint['optimizer'];
  if (parts.optimizer) {
    const o = object(parseJson(metadata, 'optimizer', true), 'optimizer');
    const params = parts.optimizer.params;
    const type = text(o.type, 'optimizer.type');
    const ours = parts.optimizer.stateDict().meta.type;
    if (type !== ours) throw bad('optimizer', `is ${type}, this optimizer is ${ours}`);
    const hyper = object(o.hyper, 'optimizer.hyper');
    for (const [k, v] of Object.entries(hyper)) if (typeof v !== 'boolean') finite(v, `optimizer.hyper.${k}`);
    if (!(finite(hyper.lr, 'optimizer.hyper.lr') >= 0)) throw bad('optimizer.hyper.lr', 'must be >= 0');
    if (!Array.isArray(o.steps) || o.steps.length !== params.length) {
      throw bad('optimizer.steps', `must list one count per parameter (${params.length})`);
    }
    const steps = o.steps.map((s, i) => count(s, `optimizer.steps[${i}]`));
    const optTensors = new Map<string, { shape: readonly number[]; data: Data }>();
    for (const [k, e] of tensors) {
      if (!k.startsWith('optimizer.')) continue;
      const key = k.slice('optimizer.'.length);
      const m = /^state\.(\d+)\.(.+)$/.exec(key);
      const i = m ? Number(m[1]) : -1;
      if (!m || i >= params.length)
        throw bad(`tensor "${k}"`, "is not the state of one of the optimizer's parameters");
      if (!sameShape(e.shape, params[i].shape)) {
        throw bad(
          `tensor "${k}"`,
          `has shape [${e.shape.join(', ')}], parameter ${i} is [${params[i].shape.join(', ')}]`,
        );
      }
      finiteValues(k, e.data, allowNonFinite);
      optTensors.set(key, e);
    }
    optimizer = {
      tensors: optTensors,
      meta: { type, hyper: hyper as Record<string, number | boolean>, steps },
    };
  }

  let scheduler: SchedulerState | undefined;
  if (parts.scheduler) {
    const s = object(parseJson(metadata, 'scheduler', true), 'scheduler');
    const ours = parts.scheduler.stateDict();
    scheduler = {
      type: text(s.type, 'scheduler.type'),
      lastEpoch: count(s.lastEpoch, 'scheduler.lastEpoch'),
      baseLr: finite(s.baseLr, 'scheduler.baseLr'),
    };
    if (scheduler.type !== ours.type)
      throw bad('scheduler', `is ${scheduler.type}, this scheduler is ${ours.type}`);
    if (scheduler.baseLr !== ours.baseLr) {
      throw bad('scheduler', `has base lr ${scheduler.baseLr}, this optimizer's is ${ours.baseLr}`);
    }
  }
  return { progress, extra, rng, model, optimizer, scheduler };
}
