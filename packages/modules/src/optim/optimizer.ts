import { ArgumentError, dispose, keep, type Tensor } from '@snn/core';
import type { Parameter } from '../module/parameter.js';

/** Optimizer state as a checkpoint stores it: named tensors plus JSON-able numbers. */
export interface OptimizerStateDict {
  /** Per-parameter tensors keyed `state.<index>.<name>` (PyTorch's names: exp_avg, momentum_buffer...). */
  readonly tensors: Map<string, Tensor>;
  /** `{ type, hyper: {...}, steps: number[] }` and whatever else the optimizer needs. */
  readonly meta: {
    readonly type: string;
    readonly hyper: Record<string, number | boolean>;
    readonly steps: number[];
  };
}

/**
 * Base of Adam and SGD: one parameter group (the parameters' order fixes the state indices, as in
 * PyTorch), gradients read from `param.grad` (see `computeGradients`), `lr` settable by schedulers.
 */
export abstract class Optimizer {
  readonly params: Parameter[];
  lr: number;
  /** Per parameter: named state tensors (owned here) and the number of updates applied. */
  protected readonly state: { tensors: Map<string, Tensor>; step: number }[];

  constructor(params: Iterable<Parameter>, lr: number) {
    this.params = [...params];
    if (!(lr >= 0 && lr < Number.POSITIVE_INFINITY)) {
      throw new ArgumentError(`${new.target.name}: lr must be a finite number >= 0, got ${lr}`);
    }
    if (new Set(this.params).size !== this.params.length) {
      throw new ArgumentError(`${new.target.name}: a parameter appears twice in the list`);
    }
    this.lr = lr;
    this.state = this.params.map(() => ({ tensors: new Map(), step: 0 }));
  }

  protected abstract readonly typeName: string;
  protected abstract hyper(): Record<string, number | boolean>;
  protected abstract setHyper(h: Record<string, number | boolean>): void;

  /** Applies one update to every parameter that has a gradient (parameters without one are skipped, as in PyTorch). */
  abstract step(): void;

  /** Disposes every parameter's gradient (PyTorch's `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    for (const p of this.params) p.setGrad(null);
  }

  protected setState(i: number, name: string, t: Tensor): void {
    const slot = this.state[i].tensors;
    const old = slot.get(name);
    keep(t);
    slot.set(name, t);
    if (old && old !== t) dispose(old);
  }

  stateDict(): OptimizerStateDict {
    const tensors = new Map<string, Tensor>();
    this.state.forEach((s, i) => {
      for (const [name, t] of s.tensors) tensors.set(`state.${i}.${name}`, t);
    });
    return {
      tensors,
      meta: {
        type: this.typeName,
        hyper: { lr: this.lr, ...this.hyper() },
        steps: this.state.map((s) => s.step),
      },
    };
  }

  /** Restores state saved by `stateDict` (tensors are taken over: the optimizer owns them afterwards). */
  loadStateDict(dict: OptimizerStateDict): void {
    if (dict.meta.type !== this.typeName) {
      throw new ArgumentError(`cannot load ${dict.meta.type} optimizer state into ${this.typeName}`);
    }
    if (dict.meta.steps.length !== this.params.length) {
      throw new ArgumentError(
        `${this.typeName} state has ${dict.meta.steps.length} parameters, this optimizer has ${this.params.length}`,
      );
    }
    for (const s of this.state) {
      dispose([...s.tensors.values()]);
      s.tensors.clear();
    }
    dict.meta.steps.forEach((n, i) => {
      this.state[i].step = n;
    });
    for (const [key, t] of dict.tensors) {
      const m = /^state\.(\d+)\.(.+)$/.exec(key);
      const i = m ? Number(m[1]) : -1;
      if (!m || i >= this.params.length) throw new ArgumentError(`unexpected optimizer state key "${key}"`);
      const p = this.params[i];
      if (t.shape.length !== p.shape.length || t.shape.some((d, k) => d !== p.shape[k])) {
        throw new ArgumentError(
          `optimizer state "${key}" has shape [${t.shape.join(', ')}], parameter ${i} is [${p.shape.join(', ')}]`,
        );
      }
      this.setState(i, m[2], t);
    }
    const { lr, ...rest } = dict.meta.hyper;
    this.lr = Number(lr);
    this.setHyper(rest);
  }

  /** Frees the optimizer's state tensors (not the parameters). */
  dispose(): void {
    for (const s of this.state) {
      dispose([...s.tensors.values()]);
      s.tensors.clear();
    }
  }
}
