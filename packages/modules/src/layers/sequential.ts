import { dispose, keep, Tensor } from '@snn/core';
import { Module } from '../module/module.js';
import { type CellModule, isCell, type Resettable, unroll } from '../time/unroll.js';

/** A layer maps a tensor to a tensor; a cell steps [input, state] -> [output, state] (run over time). */
type Layer = Module<[Tensor], Tensor> | (Module & CellModule);

/**
 * PyTorch's `nn.Sequential`: children named "0", "1", ... (so state-dict keys match PyTorch's), each
 * fed the previous one's output. A cell (LIFCell, Leaky, Alpha, LSNNCell...: one step per call) is run
 * over the leading time axis of its input [T, ...] with `unroll` and its final state is kept for the
 * next call, as SpikingJelly's stateful nodes keep theirs; `resetNet` (which `fit` calls before every
 * batch) forgets it.
 *
 * @param layers - The layers in order, children `0`, `1`, ...; cells among them are run over time with `unroll`.
 * @example
 * ```ts
 * const x = zeros([25, 8, 784]);
 * const net = new Sequential(new Linear(784, 100), new Leaky(0.9), new Linear(100, 10));
 * const y = net.forward(x); // x [T, B, 784] -> [T, B, 10]; the Leaky runs over T
 * ```
 */
export class Sequential extends Module<[Tensor], Tensor> implements Resettable {
  private readonly layers: Layer[];
  private readonly cellStates = new Map<number, unknown>();

  constructor(...layers: Layer[]) {
    super();
    this.layers = layers.map((m, i) => this.registerModule(String(i), m));
  }

  /** Number of layers. */
  get length(): number {
    return this.layers.length;
  }

  /** Layer `i` (0-based). */
  at(i: number): Layer {
    return this.layers[i];
  }

  forward(x: Tensor): Tensor {
    let y = x;
    this.layers.forEach((m, i) => {
      if (isCell(m)) {
        const [out, state] = unroll(m, y, this.cellStates.get(i) ?? null);
        this.forget(i);
        this.cellStates.set(i, walkTensors(state, keep));
        y = out;
      } else y = m.forward(y);
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
