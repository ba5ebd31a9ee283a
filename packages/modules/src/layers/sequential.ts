import { Module } from '../module/module.js';

type AnyForward = { forward(x: unknown): unknown };

/**
 * PyTorch's `nn.Sequential`: children named "0", "1", ... (so state-dict keys match PyTorch's), each
 * fed the previous one's output. Stateful cells do not belong here: use `unroll` or a model class.
 */
export class Sequential extends Module {
  private readonly layers: Module[];

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
    for (const m of this.layers) y = (m as unknown as AnyForward).forward(y);
    return y;
  }
}
