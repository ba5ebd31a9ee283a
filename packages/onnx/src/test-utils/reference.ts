import { mul, relu, reshape, slice, stack, type Tensor, tensor, tidy, unstack } from '@snn/core';
import {
  Conv2d,
  Dropout,
  Flatten,
  IFNode,
  Leaky,
  LI,
  LICell,
  LIF,
  LIFCell,
  LIFNode,
  LIFRecurrentCell,
  LILinearCell,
  Lift,
  Linear,
  MaxPool2d,
  type Module,
  RecurrentSNN,
  resetNet,
  Sequential,
} from '@snn/modules';
import type { StepFunction } from '../convert/step-functions.js';

/*
 * The library side of the comparisons: each piece run one step at a time through its own module's
 * forward (cells with their state, sequence layers on one-step sequences, SpikingJelly nodes keeping
 * their membrane), exactly as a user's per-step loop would.
 */

type Step = (x: Tensor) => Tensor;

const first = (seq: Tensor): Tensor =>
  reshape(
    slice(seq, [0, ...seq.shape.slice(1).map(() => 0)], [1, ...seq.shape.slice(1)]),
    seq.shape.slice(1),
  );
const one = (x: Tensor): Tensor => reshape(x, [1, ...x.shape]);

function stepper(m: Module): Step[] {
  if (m instanceof Sequential) return m.namedChildren().flatMap(([, c]) => stepper(c));
  if (m instanceof Lift) return stepper(m.liftedModule);
  if (m instanceof RecurrentSNN) {
    return [
      (x) => reshape(x, [-1, m.inputFeatures]),
      ...stepper(m.l1),
      ...stepper(m.fc_out),
      ...stepper(m.out),
    ];
  }
  if (
    m instanceof LIFRecurrentCell ||
    m instanceof LIFCell ||
    m instanceof LICell ||
    m instanceof LILinearCell
  ) {
    let s: unknown = null;
    const cell = m as unknown as { forward(x: Tensor, s: unknown): [Tensor, unknown] };
    return [
      (x) => {
        const [z, next] = cell.forward(x, s);
        s = next;
        return z;
      },
    ];
  }
  if (m instanceof LIF || m instanceof LI) {
    let s: unknown = null;
    const layer = m as unknown as { forward(x: Tensor, s: unknown): [Tensor, unknown] };
    return [
      (x) => {
        const [z, next] = layer.forward(one(x), s);
        s = next;
        return first(z);
      },
    ];
  }
  if (m instanceof LIFNode || m instanceof IFNode) {
    resetNet(m);
    return [(x) => first(m.forward(one(x)))];
  }
  if (m instanceof Leaky) {
    let mem: Tensor | null = null;
    return [
      (x) => {
        const [spk, next] = m.forward(x, mem);
        mem = next;
        return spk;
      },
    ];
  }
  if (
    m instanceof Linear ||
    m instanceof Conv2d ||
    m instanceof MaxPool2d ||
    m instanceof Flatten ||
    m instanceof Dropout
  ) {
    return [(x) => m.forward(x)];
  }
  throw new Error(`reference: no stepper for ${m.constructor.name}`);
}

/** The library's function for each step function used in a test. */
export const libraryOf = new Map<StepFunction, Step>();

export function libraryRelu(f: StepFunction): StepFunction {
  libraryOf.set(f, (x) => relu(x));
  return f;
}

export function libraryScale(f: StepFunction, k: number): StepFunction {
  libraryOf.set(f, (x) => mul(x, k));
  return f;
}

/**
 * Runs the pieces over the per-step network inputs `xs` [T, batch, ...] and returns the last
 * piece's output at every step, [T, batch, ...].
 */
export function runReference(pieces: readonly (Module | StepFunction)[], xs: Tensor): Tensor {
  return tidy(() => {
    const steps = pieces.flatMap((p) => {
      const f = libraryOf.get(p as StepFunction);
      return f ? [f] : stepper(p as Module);
    });
    const outs = unstack(xs, 0).map((x) => steps.reduce((h, f) => f(h), x));
    return stack(outs, 0);
  });
}

/** Values on a 1/64 grid (few bits): sums of their products are exact in float32 in any order. */
export function dyadic(shape: readonly number[], seed: number, scale = 1): Tensor {
  let s = seed >>> 0;
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = (Math.round(((s >>> 8) / 2 ** 24 - 0.5) * 64 * scale) / 64) as number;
  }
  return tensor(values, [...shape]);
}

/** Replaces every weight and bias of `m` by dyadic values (neuron parameters keep theirs). */
export function dyadicWeights(m: Module, seed: number, scale = 1): void {
  const dict = new Map<string, Tensor>();
  let k = 0;
  for (const [key, t] of m.stateDict()) {
    if (/(^|\.)(weight|bias|input_weights|recurrent_weights)$/.test(key))
      dict.set(key, dyadic(t.shape, seed + k++, scale));
  }
  m.loadStateDict(dict, { strict: false });
}
