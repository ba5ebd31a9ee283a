import type { GraphBuilder } from '../graph/graph-builder.js';
import { Ops } from '../graph/ops.js';
import { emitInput, emitStep, groupStates, type Pipeline, planPipeline } from './pipeline.js';

/** How a per-step graph's state is named and where it starts (stored in the model's metadata). */
export interface StepStateInfo {
  /** Graph input holding the state before the step (`l1.v`). */
  readonly input: string;
  /** Graph output holding it after the step (`l1.v_next`). */
  readonly output: string;
  /** Shape without the batch dim ([100]); null for a counter shared by the batch (shape []). */
  readonly shape: readonly number[] | null;
  /** Its value before the first step: one number, or one value per element of `shape`. */
  readonly init: number | readonly number[];
}

/**
 * The per-step graph: (x, state...) -> (out, scores, state...). `x` is the input of this step: the
 * image for image encoders (each step encodes it again, the encoder's state carried), the spike
 * train's step t for spike inputs. `out` is the network's output at this step, `scores` the
 * decoder's running scores (after the last step they equal the whole-sequence graph's).
 */
export function buildStepGraph(g: GraphBuilder, p: Pipeline): StepStateInfo[] {
  const ops = new Ops(g, '');
  const x0 = emitInput(g, p, true);
  const x = p.encoder.prepare ? p.encoder.prepare(ops, x0) : x0;
  const { states } = planPipeline(p, x.shape);
  const inputs = states.map((s) => g.input(s.id, 'float32', s.shape));
  const step = emitStep(g, p, x, groupStates(states, inputs), {
    encoder: true,
    stages: p.stages,
    withScores: true,
  });
  g.output(step.out, 'out');
  if (step.scores) g.output(step.scores, 'scores');
  return states.map((s) => {
    const output = g.output(step.next.get(s.owner)![s.key], `${s.id}_next`).name;
    const init = typeof s.init === 'number' ? s.init : Array.from(s.init.data);
    return {
      input: s.id,
      output,
      shape: s.shape.length === 0 ? null : (s.shape.slice(1) as number[]),
      init,
    };
  });
}
