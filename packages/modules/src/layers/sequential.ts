import { dispose, keep, Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import { isCell, type Resettable, unroll } from '../time/unroll.js';

type AnyForward = { forward(x: unknown): unknown };

/**
 * PyTorch's `nn.Sequential`: children named "0", "1", ... (so state-dict keys match PyTorch's), each
 * fed the previous one's output. A cell (LIFCell, Leaky, Alpha, LSNNCell...: one step per call) is run
 * over the leading time axis of its input [T, ...] with `unroll` and its final state is kept for the
 * next call, as SpikingJelly's stateful nodes keep theirs; `resetNet` (which `fit` calls before every
 * batch) forgets it.
 */
export class Sequential extends Module implements Resettable {
  private readonly layers: Module[];
  private readonly cellStates = new Map<number, unknown>();

  constructor(...layers: Module[]) {
    super();
    this.layers = layers.map((m, i) => this.registerModule(String(i), m));
  }

  get length(): number {
    return this.layers.length;
  }

  at(i: number): Module {
    return this.layers[i];
  }

  forward<T>(x: T): unknown {
    let y: unknown = x;
    this.layers.forEach((m, i) => {
      if (isCell(m)) {
        const [out, state] = unroll(m, y as Tensor, this.cellStates.get(i) ?? null);
        this.forget(i);
        this.cellStates.set(i, walkTensors(state, keep));
        y = out;
      } else y = (m as unknown as AnyForward).forward(y);
    });
    return y;
  }

  /** Forgets the cells' kept states: the next call starts each from its initial state. */
  resetState(): void {
    for (const i of [...this.cellStates.keys()]) this.forget(i);
  }

  private forget(i: number): void {
    const s = this.cellStates.get(i);
    if (s !== undefined) walkTensors(s, (t) => dispose(t));
    this.cellStates.delete(i);
  }
}

/** Applies `f` to every tensor of a (nested) state object; returns the state. */
function walkTensors<S>(state: S, f: (t: Tensor) => unknown): S {
  if (state instanceof Tensor) f(state);
  else if (state !== null && typeof state === 'object')
    for (const v of Object.values(state)) walkTensors(v, f);
  return state;
}
