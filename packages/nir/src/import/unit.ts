import type { Tensor } from '@snn/core';
import type { Module } from '@snn/modules';
import type { IntList } from '../ir/graph.js';

/**
 * One runnable piece of an imported graph: a NIR node, or several recognised as one of our cells
 * (Linear -> CubaLIF <-> Linear as a LIFRecurrentCell). `apply` runs a stateless piece on a batch of
 * any size (all time steps at once); `step` runs a stateful one for one time step.
 */
export interface Unit {
  /** The NIR node whose output this unit produces. */
  readonly id: string;
  /** The NIR nodes it stands for; edges from outside must enter at `entry`. */
  readonly covers: readonly string[];
  readonly entry: string;
  /** What it runs as, for messages and the README table (`Leaky (LI, Threshold, Scale)`). */
  readonly kind: string;
  /** The module holding its parameters, registered in the model under the node's name. */
  readonly module: Module | null;
  /** Whether its output is spikes (exactly 0 or 1). */
  readonly spikes: boolean;
  readonly outputShape: IntList;
  apply?(x: Tensor): Tensor;
  step?(x: Tensor, state: unknown): [Tensor, unknown];
  /** The membrane (or integrator value) of a stateful unit's state, for recording. */
  membrane?(state: unknown): Tensor;
}

export const isStateful = (u: Unit): boolean => u.step !== undefined;
