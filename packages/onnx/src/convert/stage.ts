import type { Tensor } from '@snn/core';
import type { Dim, Value } from '../graph/graph-builder.js';
import type { Ops } from '../graph/ops.js';

/**
 * Where a state starts: a number for every element (Norse's v = vLeak, snnTorch's mem = 0), or a
 * parameter tensor broadcast over the batch (a learnable per-neuron vLeak).
 */
export type StateInit = number | { readonly value: Value; readonly data: Float32Array };

/** One state tensor a stage carries from step to step (`v`, `i`, `z`, `mem`). */
export interface StateSpec {
  readonly key: string;
  /** Full shape, batch included (['batch', 100]); [] for a counter shared by the batch. */
  readonly shape: readonly Dim[];
  readonly init: StateInit;
}

export type StateValues = Readonly<Record<string, Value>>;

/**
 * One step of one piece of the network (an encoder, a layer, a cell, a decoder's accumulator),
 * written as ONNX nodes. `plan` tells the output and state shapes for an input shape before any
 * node is written; `emit` writes the nodes of one time step into `ops`' graph (the per-step graph,
 * or the body of the whole-sequence Loop).
 */
export interface Stage {
  /** Readable name: the module's path in the model (`l1`, `fc_out`), `encoder`, `decoder`. */
  readonly name: string;
  /** What it was made from (`LIFRecurrentCell`), for messages and the model's doc string. */
  readonly kind: string;
  plan(input: readonly Dim[]): { readonly output: readonly Dim[]; readonly states: readonly StateSpec[] };
  emit(ops: Ops, x: Value, state: StateValues): { readonly out: Value; readonly state: StateValues };
  /**
   * For a cell that projects its input through its own weights first (LIFRecurrentCell,
   * LILinearCell): the same step as two stages, the stateless projection and the rest, so a
   * whole-sequence graph can project every time step at once, before its Loop.
   */
  split?(): readonly [Stage, Stage];
}

/** A stage without state (Linear, Conv2d, pooling...): its step depends on its input only. */
export function statelessStage(
  name: string,
  kind: string,
  outputShape: (input: readonly Dim[]) => readonly Dim[],
  emit: (ops: Ops, x: Value) => Value,
): Stage & { readonly stateless: true } {
  return {
    name,
    kind,
    stateless: true,
    plan: (input) => ({ output: outputShape(input), states: [] }),
    emit: (ops, x) => ({ out: emit(ops, x), state: {} }),
  };
}

export function isStateless(stage: Stage): boolean {
  return (stage as { stateless?: boolean }).stateless === true;
}

/**
 * What converters need from the export: tensors as initializers named by their state-dict keys
 * (`l1.input_weights`), neuron parameters as constants or initializers, and host copies of tensors.
 */
export interface ExportContext {
  /** The initializer holding `t`, named by its state-dict key, else `fallbackName`; one per tensor. */
  tensor(t: Tensor, fallbackName: string): Value;
  /** The same, with values rewritten first (e.g. a masked recurrent diagonal). */
  tensorWith(t: Tensor, name: string, map: (data: Float32Array) => Float32Array): Value;
  /** A neuron parameter: a number becomes a float32 constant, a tensor its initializer. */
  param(p: number | Tensor, fallbackName: string): Value;
  /** Host values of a tensor read before the export started. */
  data(t: Tensor): Float32Array;
}
