import { ArgumentError, dispose, keep, noGrad, type Tensor, tidy, where, zerosLike } from '@snn/core';
import type { Parameter } from '../module/parameter.js';

/** Optimizer state as a checkpoint stores it: named tensors plus JSON-able numbers. */
export interface OptimizerStateDict {
  /** Per-parameter tensors keyed `state.<index>.<name>` (PyTorch's names: exp_avg, momentum_buffer...). */
  readonly tensors: Map<string, Tensor>;
  /** `{ type, hyper: {...}, steps: number[] }` and whatever else the optimizer needs. */
  readonly meta: {
    /** The optimizer class's name (`Adam`, `SGD`); loading into another class is refused. */
    readonly type: string;
    /** Hyperparameters by name, `lr` included (Adam: beta1, beta2, eps, weightDecay). */
    readonly hyper: Record<string, number | boolean>;
    /** Updates applied so far, per parameter (in parameter order). */
    readonly steps: number[];
  };
}

/**
 * Base of Adam and SGD: one parameter group (the parameters' order fixes the state indices, as in
 * PyTorch), gradients read from `param.grad` (see `computeGradients`), `lr` settable by schedulers.
 *
 * @param params - The parameters to update (each once), in the order that numbers their state.
 * @param lr - The learning rate, finite and >= 0.
 * @example
 * ```ts
 * // Code that takes any optimizer: one training step
 * function trainStep(model: Linear, optimizer: Optimizer, x: Tensor, y: Tensor): number {
 *   const loss = computeGradients(() => mseLoss(model.forward(x), y), model.parameters());
 *   optimizer.step();
 *   optimizer.zeroGrad();
 *   return loss.item();
 * }
 * const model = new Linear(4, 2);
 * trainStep(model, new Adam(model.parameters(), { lr: 1e-3 }), ones([8, 4]), zeros([8, 2]));
 * ```
 */
export abstract class Optimizer {
  /** The parameters updated, in the order that numbers their state (`state.<index>.*`). */
  readonly params: Parameter[];
  /** Learning rate of the next `step()`; schedulers set it. */
  lr: number;
  /** Per parameter: named state tensors (owned here) and the number of updates applied. */
  protected readonly state: {
    /** Named state tensors (PyTorch's names: `exp_avg`, `momentum_buffer`...). */
    tensors: Map<string, Tensor>;
    /** Updates applied to this parameter. */
    step: number;
  }[];

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

  /** The class name written into state dicts (`Adam`, `SGD`). */
  protected abstract readonly typeName: string;
  /** The hyperparameters other than `lr`, for {@link Optimizer.stateDict}. */
  protected abstract hyper(): Record<string, number | boolean>;
  /** Restores hyperparameters saved by `hyper()`. */
  protected abstract setHyper(h: Record<string, number | boolean>): void;

  /**
   * One parameter's update (PyTorch's per-parameter loop body): the new value and the state tensors to
   * keep, by name, given the gradient, the current state and the update's number (1 for the first).
   * Runs inside a scope: temporaries it makes are freed, what it returns is kept.
   */
  protected abstract update(
    value: Tensor,
    grad: Tensor,
    state: ReadonlyMap<string, Tensor>,
    step: number,
  ): {
    /** The parameter's new value. */
    value: Tensor;
    /** The state tensors to keep, by name. */
    state: Readonly<Record<string, Tensor>>;
  };

  /**
   * Applies one update to every parameter that has a gradient (parameters without one are skipped, as
   * in PyTorch). `apply`, a scalar on the device (1 or 0), makes the update conditional without reading
   * it: where it is 0 every parameter and state tensor keeps its value (fit guards updates this way
   * while it reads losses only every few batches; a dropped update still counts in `steps`).
   */
  step(apply?: Tensor): void {
    noGrad(() => {
      this.params.forEach((p, i) => {
        if (!p.grad) return;
        const s = this.state[i];
        s.step += 1;
        const grad = p.grad;
        const next = tidy(() => {
          const u = this.update(p.value, grad, s.tensors, s.step);
          if (apply === undefined) return u;
          const keepOld = (fresh: Tensor, old: Tensor | undefined) =>
            where(apply, fresh, old ?? zerosLike(fresh));
          const state: Record<string, Tensor> = {};
          for (const [name, t] of Object.entries(u.state)) state[name] = keepOld(t, s.tensors.get(name));
          return { value: keepOld(u.value, p.value), state };
        });
        p.assign(next.value);
        for (const [name, t] of Object.entries(next.state)) this.setState(i, name, t);
      });
    });
  }

  /** Disposes every parameter's gradient (PyTorch's `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    for (const p of this.params) p.setGrad(null);
  }

  /** Keeps `t` as parameter `i`'s state `name`, freeing the tensor it replaces. */
  protected setState(i: number, name: string, t: Tensor): void {
    const slot = this.state[i].tensors;
    const old = slot.get(name);
    keep(t);
    slot.set(name, t);
    if (old && old !== t) dispose(old);
  }

  /**
   * The state to checkpoint: per-parameter tensors (still owned by the optimizer) and hyperparameters.
   *
   * @example
   * ```ts
   * const optimizer = new Adam(new Linear(784, 10).parameters(), { lr: 1e-3 });
   * const saved = optimizer.stateDict(); // saved.meta: { type: 'Adam', hyper: { lr: 0.001, ... }, steps }
   * ```
   */
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
