import { dispose, keep, type Tensor, variable } from '@snn/core';

/**
 * A named, replaceable tensor slot owned by a module (PyTorch's `nn.Parameter`). Core tensors are
 * immutable, so an optimizer step produces a new tensor and `assign`s it here; everything that reads
 * `param.value` at call time sees the update. `grad` holds the last computed gradient (owned here).
 *
 * @param value - The initial tensor (taken over: the parameter owns it from here).
 * @param requiresGrad - false keeps it in the state dict but away from optimizers (default true).
 * @param name - The key errors show (default: set when a module registers it).
 * @example
 * ```ts
 * const model = new Linear(3, 2);
 * const [w] = model.parameters(); // Parameter objects: model.weight, model.bias
 * console.log(w.shape, w.requiresGrad); // [2, 3] true
 * computeGradients(() => sum(model.forward(ones([4, 3]))), model.parameters());
 * console.log(w.grad?.shape); // [2, 3]: d loss / d weight
 * w.assign(zeros([2, 3])); // what an optimizer step does with the new value
 * ```
 */
export class Parameter {
  private current: Tensor;
  /** Gradient from the last `computeGradients` (or null); disposed by `zeroGrad` or the next assignment of grad. */
  grad: Tensor | null = null;

  constructor(
    value: Tensor,
    /** false: kept in the state dict but never handed to optimizers (PyTorch `requires_grad=False`). */
    public requiresGrad = true,
    name?: string,
  ) {
    this.current = variable(value, { requiresGrad, name });
    if (this.current !== value) value.dispose();
  }

  /** The current tensor; read it at call time, since optimizer steps replace it. */
  get value(): Tensor {
    return this.current;
  }

  /** The dotted key from the outermost module this parameter is registered in; errors show it. */
  get name(): string | undefined {
    return this.current.name;
  }

  /** Renames the value (the key errors show). */
  set name(n: string | undefined) {
    this.current.name = n;
  }

  /** The value's shape. */
  get shape(): readonly number[] {
    return this.current.shape;
  }

  /** Replaces the value (disposing the old one). The new tensor is kept alive across `tidy` scopes. */
  assign(next: Tensor): void {
    if (next === this.current) return;
    const old = this.current;
    this.current = variable(next, { requiresGrad: this.requiresGrad, name: old.name });
    if (this.current !== next) next.dispose();
    else keep(next);
    old.dispose();
  }

  /** Replaces the gradient (disposing the old one); null clears it. The tensor is owned here afterwards. */
  setGrad(g: Tensor | null): void {
    if (this.grad && this.grad !== g) dispose(this.grad);
    this.grad = g;
    if (g) keep(g);
  }

  /** Frees the value and the gradient. */
  dispose(): void {
    this.setGrad(null);
    this.current.dispose();
  }
}
