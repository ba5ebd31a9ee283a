import { ShapeError, stack, type Tensor, unstack } from '@snn/core';
import { Module } from '../module/module.js';

/** Anything with a Norse-style step: `(input, state | null) -> [output, state]`. */
export interface StepModule<S> {
  /** One time step: the output and the next state (state null or left out: the initial state). */
  forward(input: Tensor, state?: S | null): [Tensor, S];
}

/**
 * The mark of a cell: a module that takes one time step per call with its state passed explicitly
 * (`forward(input, state) -> [output, state]`). `Sequential` runs a marked cell over the leading time
 * axis with `unroll` and keeps its state between calls until `resetNet`.
 */
export const CELL: unique symbol = Symbol.for('@snn/modules.cell');

/** A cell: a StepModule carrying the CELL mark. */
export interface CellModule<S = unknown> extends StepModule<S> {
  /** The cell mark. */
  readonly [CELL]: true;
}

/**
 * True for modules marked as cells (one time step per call, state passed explicitly), which
 * `Sequential` runs over time with `unroll`.
 *
 * @param m - Any value.
 * @example
 * ```ts
 * console.log(isCell(new LIFCell()), isCell(new Leaky(0.9))); // true true
 * console.log(isCell(new Linear(2, 2)), isCell(new LIFNode())); // false false: stateless, or stateful SpikingJelly-style
 * ```
 */
export function isCell(m: unknown): m is CellModule {
  return typeof m === 'object' && m !== null && (m as Partial<CellModule>)[CELL] === true;
}

/**
 * Runs a cell over the leading time axis of `inputs` [T, ...] starting from `state` (null: the
 * cell's initial state) and returns [outputs [T, ...], final state] -- Norse's `LIF` vs `LIFCell`.
 * Per-step tensors are left to the caller's `tidy` (the gradient tape may still need them).
 *
 * @param cell - The cell (or any `forward(input, state) -> [output, state]`).
 * @param inputs - The inputs [T, ...]: time first.
 * @param state - The state to start from (default null: the cell's initial state).
 * @example
 * ```ts
 * // Norse: z, s = norse.torch.LIF()(x) runs LIFCell over the time axis
 * const xs = ones([100, 8, 10]); // [T 100, batch 8, 10]
 * const [z, state] = unroll(new LIFCell({ dt: 1e-3 }), xs); // z [100, 8, 10], state { v, i } [8, 10]
 * const [z2] = unroll(new LIFCell({ dt: 1e-3 }), xs, state); // carry on from where the first ended
 * ```
 */
export function unroll<S>(cell: StepModule<S>, inputs: Tensor, state: S | null = null): [Tensor, S] {
  if (inputs.rank < 1 || inputs.shape[0] < 1) {
    throw new ShapeError(`unroll: inputs must be [T >= 1, ...], got [${inputs.shape.join(', ')}]`);
  }
  const steps = unstack(inputs, 0);
  const outputs: Tensor[] = [];
  let s = state;
  for (const x of steps) {
    const [z, next] = cell.forward(x, s);
    outputs.push(z);
    s = next;
  }
  return [stack(outputs, 0), s as S];
}

/**
 * Norse's `Lift`: applies a stateless module (Linear, Conv2d...) to every time step of [T, ...].
 * Layers that accept leading dims (Linear, Conv2d on 5-D input) are faster called directly on the
 * whole sequence; Lift is for modules that take one step at a time.
 *
 * @param module - The stateless per-step module (child `lifted_module`).
 * @example
 * ```ts
 * // Norse: norse.torch.Lift(torch.nn.Flatten())
 * const lifted = new Lift(new Flatten());
 * const y = lifted.forward(zeros([10, 8, 1, 28, 28])); // [T 10, batch 8, 1, 28, 28] -> [10, 8, 784]
 * ```
 */
export class Lift extends Module<[Tensor], Tensor> {
  /** The per-step module applied to each time step (submodule `lifted_module`, as Norse names it). */
  readonly liftedModule: Module<[Tensor], Tensor>;

  constructor(module: Module<[Tensor], Tensor>) {
    super();
    this.liftedModule = this.registerModule('lifted_module', module);
  }

  forward(x: Tensor): Tensor {
    const steps = unstack(x, 0);
    const ys = steps.map((s) => this.liftedModule.forward(s));
    return stack(ys, 0);
  }
}

/** A module that keeps state between calls (SpikingJelly style) and can forget it. */
export interface Resettable {
  /** Forgets the kept state (SpikingJelly `reset()`): the next call starts from rest. */
  resetState(): void;
}

/**
 * SpikingJelly's `functional.reset_net`: clears the kept state of every stateful module in the tree.
 *
 * @param model - The model whose modules (itself included) forget their kept state.
 * @example
 * ```ts
 * // SpikingJelly: functional.reset_net(net)
 * const net = new Sequential(new Linear(784, 100), new LIFNode({ tau: 2 }));
 * const batches = [zeros([25, 8, 784]), zeros([25, 8, 784])]; // [T, B, 784] each
 * for (const xSeq of batches) {
 *   net.forward(xSeq); // LIFNode keeps its membrane between calls
 *   resetNet(net); // so clear it before the next batch
 * }
 * ```
 */
export function resetNet(model: Module): void {
  for (const m of model.modules()) {
    const r = m as unknown as Partial<Resettable>;
    if (typeof r.resetState === 'function') r.resetState();
  }
}
