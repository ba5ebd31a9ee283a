import { dispose, keep, type Tensor, variable } from '@snn/core';

/**
 * A named, replaceable tensor slot owned by a module (PyTorch's `nn.Parameter`). Core tensors are
 * immutable, so an optimizer step produces a new tensor and `assign`s it here; everything that reads
 * `param.value` at call time sees the update. `grad` holds the last computed gradient (owned here).
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

  get value(): Tensor {
    return this.current;
  }

  /** The dotted key from the outermost module this parameter is registered in; errors show it. */
  get name(): string | undefined {
    return this.current.name;
  }

  set name(n: string | undefined) {
    this.current.name = n;
  }

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

  setGrad(g: Tensor | null): void {
    if (this.grad && this.grad !== g) dispose(this.grad);
    this.grad = g;
    if (g) keep(g);
  }

  dispose(): void {
    this.setGrad(null);
    this.current.dispose();
  }
}
