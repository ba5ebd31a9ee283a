import { isStateless, type Stage, type StateSpec, type StateValues } from '../convert/stage.js';
import type { DecoderPlan } from '../decoders/decoder-plan.js';
import type { EncoderPlan } from '../encoders/encoder-stage.js';
import type { Dim, GraphBuilder, Value } from '../graph/graph-builder.js';
import { Ops } from '../graph/ops.js';

/** Everything one export needs: input, encoder, the network's stages, decoder. */
export interface Pipeline {
  /** Shape of one sample of the graph input (no batch or time dim). */
  readonly inputShape: readonly number[];
  /** Pixel lookup table: the input is uint8 0..255 and each byte becomes table[byte]. */
  readonly pixelTable: Float32Array | undefined;
  readonly encoder: EncoderPlan;
  readonly stages: readonly Stage[];
  readonly decoder: DecoderPlan | undefined;
  /** Time steps for image inputs. */
  readonly steps: number | undefined;
}

/** A state of the pipeline with its owner's name: the graph names it `<owner>.<key>`. */
export interface NamedState extends StateSpec {
  readonly owner: string;
  readonly id: string;
}

export const BATCH = 'batch';
export const TIME = 'time';

/** The graph input, with the pixel table applied: a float32 value [batch, ...] or [time, batch, ...]. */
export function emitInput(g: GraphBuilder, p: Pipeline, perStep: boolean): Value {
  const sequence = p.encoder.input === 'sequence' && !perStep;
  const name =
    p.encoder.input === 'sequence' && p.encoder.stage.kind === 'spike train input' ? 'spikes' : 'x';
  const shape: Dim[] = [...(sequence ? [TIME] : []), BATCH, ...p.inputShape];
  const x = g.input(name, p.pixelTable ? 'uint8' : 'float32', shape);
  if (!p.pixelTable) return x;
  const { table, index } = pixelIndex(g, p.pixelTable, x);
  return new Ops(g, 'pixels').node('Gather', [table, index], 'normalized', { shape, attrs: { axis: 0 } });
}

/** The pixel table as an initializer [256] and the uint8 input `x` as int32 indices into it. */
export function pixelIndex(
  g: GraphBuilder,
  pixelTable: Float32Array,
  x: Value,
): { table: Value; index: Value } {
  const table = g.initializer('pixels.table', 'float32', [256], pixelTable);
  return { table, index: new Ops(g, 'pixels').cast(x, 'int32', 'index') };
}

/** Shapes through the pipeline and every state it carries, in a fixed order. */
export function planPipeline(
  p: Pipeline,
  networkInput: readonly Dim[],
  options: { encoder: boolean; stages: readonly Stage[] } = { encoder: true, stages: p.stages },
): { states: NamedState[]; output: readonly Dim[] } {
  const states: NamedState[] = [];
  const add = (owner: string, specs: readonly StateSpec[]) => {
    for (const s of specs) states.push({ ...s, owner, id: `${owner}.${s.key}` });
  };
  let shape = networkInput;
  if (options.encoder) {
    const enc = p.encoder.stage.plan(networkInput);
    add('encoder', enc.states);
    shape = enc.output;
  }
  for (const stage of options.stages) {
    const planned = stage.plan(shape);
    add(stage.name, planned.states);
    shape = planned.output;
  }
  if (p.decoder) add('decoder', p.decoder.states(shape));
  return { states, output: shape };
}

/**
 * The stages that can run once before the time loop when all of the network's input is known then
 * (a constant input, or a whole spike train): the leading stateless stages, and the input
 * projection of the first cell when it has one. Returns them and the stages left for the loop.
 * With `shrinkingOnly` (a spike train, run for all steps at once) it stops at the first stage whose
 * output is larger than its input, so the graph never holds a much larger [time, batch, ...] tensor
 * than its input (a first convolution stays in the loop).
 */
export function hoistable(
  stages: readonly Stage[],
  input: readonly Dim[],
  shrinkingOnly: boolean,
): { before: Stage[]; loop: Stage[] } {
  const size = (s: readonly Dim[]) => s.slice(1).reduce<number>((a, d) => a * (d as number), 1);
  const before: Stage[] = [];
  const loop = [...stages];
  let shape = input;
  const take = (stage: Stage): boolean => {
    const out = stage.plan(shape).output;
    if (shrinkingOnly && size(out) > size(shape)) return false;
    before.push(stage);
    shape = out;
    return true;
  };
  while (loop.length > 0 && isStateless(loop[0]) && take(loop[0])) loop.shift();
  // A stateless stage left in the loop (too large) keeps the cell after it in the loop too.
  const split = loop.length > 0 && !isStateless(loop[0]) ? loop[0].split?.() : undefined;
  if (split && take(split[0])) loop[0] = split[1];
  return { before, loop };
}

/** State values grouped by owner (`encoder`, a stage name, `decoder`), then by key. */
export type OwnedStates = ReadonlyMap<string, StateValues>;

export function groupStates(
  states: readonly NamedState[],
  values: readonly Value[],
): Map<string, StateValues> {
  const out = new Map<string, Record<string, Value>>();
  states.forEach((s, k) => {
    const group = out.get(s.owner) ?? {};
    group[s.key] = values[k];
    out.set(s.owner, group);
  });
  return out;
}

/**
 * One time step: encoder (unless its output is given), `stages`, decoder accumulator.
 * `x` is the encoder's input (the prepared input or x_t), or with `encoder: false` the first
 * stage's. Returns the network's output at this step, the decoder's running scores (with
 * `withScores`) and the next value of every state, grouped as `state` is.
 */
export function emitStep(
  g: GraphBuilder,
  p: Pipeline,
  x: Value,
  state: OwnedStates,
  options: { encoder: boolean; stages: readonly Stage[]; withScores: boolean },
): { out: Value; scores: Value | undefined; next: Map<string, StateValues> } {
  const next = new Map<string, StateValues>();
  const run = (owner: string, f: (ops: Ops, s: StateValues) => { out?: Value; state: StateValues }) => {
    const r = f(new Ops(g, owner), state.get(owner) ?? {});
    next.set(owner, r.state);
    return r.out;
  };
  let h = options.encoder ? (run('encoder', (ops, s) => p.encoder.stage.emit(ops, x, s)) as Value) : x;
  for (const stage of options.stages) h = run(stage.name, (ops, s) => stage.emit(ops, h, s)) as Value;
  let scores: Value | undefined;
  const decoder = p.decoder;
  if (decoder) {
    run('decoder', (ops, s) => {
      const acc = decoder.accumulate(ops, h, s);
      if (options.withScores) scores = decoder.scores(ops, acc);
      return { state: acc };
    });
  }
  return { out: h, scores, next };
}
