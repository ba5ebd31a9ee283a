import type { Tensor } from '@snn/core';
import type { Module } from '@snn/modules';
import type { IntList } from '../ir/graph.js';

/**
 * One runnable piece of an imported graph: a NIR node, or several recognised as one of our cells
 * (Linear -> CubaLIF <-> Linear as a LIFRecurrentCell). `apply` runs a stateless piece on a batch of
 * any size (all time steps at once); `step` runs a stateful one for one time step.
 *
 * @example
 * ```ts
 * const { graph } = await readNir(await readFile('net.nir'));
 * const model = fromNir(graph, { dt: 1e-4 });
 * const u = model.unit('lif1');
 * console.log(u?.kind, u?.outputShape, u?.step ? 'stateful' : 'stateless');
 * ```
 */
export interface Unit {
  /** The NIR node whose output this unit produces. */
  readonly id: string;
  /** The NIR nodes it stands for; edges from outside must enter at `entry`. */
  readonly covers: readonly string[];
  /** The covered NIR node that edges from outside the unit lead into (its input node). */
  readonly entry: string;
  /** What it runs as, for messages and the README table (`Leaky (LI, Threshold, Scale)`). */
  readonly kind: string;
  /** The module holding its parameters, registered in the model under the node's name. */
  readonly module: Module | null;
  /** Whether its output is spikes (exactly 0 or 1). */
  readonly spikes: boolean;
  /** One sample's output shape at one time step, without batch. */
  readonly outputShape: IntList;
  /** Stateless units: the output for `x` [rows, ...shape], any number of rows (time steps folded into the batch). */
  apply?(x: Tensor): Tensor;
  /**
   * Stateful units: one time step of `x` [batch, ...shape] from `state` (undefined at the first step),
   * returning the output and the next state.
   */
  step?(x: Tensor, state: unknown): [Tensor, unknown];
  /** The membrane (or integrator value) of a stateful unit's state, for recording. */
  membrane?(state: unknown): Tensor;
}

export const isStateful = (u: Unit): boolean => u.step !== undefined;
