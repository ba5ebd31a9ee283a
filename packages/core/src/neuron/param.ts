import { detach } from '../engine/api.js';
import { ArgumentError } from '../errors.js';
import { add, clip, mul, zeros } from '../ops/index.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * A neuron parameter: a number (shared by all neurons) or a tensor that broadcasts against the state
 * (e.g. one value per neuron, a learnable variable). Tensor parameters get gradients like any input.
 */
export type Param = number | Tensor;

/** a * b for parameters: numbers fold on the host, so scalar-only models add no kernels. */
export function scaleParam(a: Param, b: Param): Param {
  return typeof a === 'number' && typeof b === 'number' ? a * b : mul(a, b);
}

/** beta.clamp(0, 1) (snnTorch): on tensors through `clip`, so the gradient is masked outside [0, 1]. */
export function clamp01(p: Param): Param {
  return typeof p === 'number' ? Math.min(1, Math.max(0, p)) : clip(p, 0, 1);
}

/** A state tensor of `like`'s shape filled with a parameter's value, cut from the graph (initial states). */
export function filledLike(shape: readonly number[], value: Param): Tensor {
  const base = zeros(shape);
  if (typeof value === 'number') return value === 0 ? base : add(base, value);
  return add(base, detach(value));
}

/** Throws a clear error for a parameter that is neither a finite number nor a Tensor. */
export function checkParam(fn: string, name: string, p: unknown): asserts p is Param {
  if (p instanceof Tensor) return;
  if (typeof p !== 'number' || Number.isNaN(p)) {
    throw new ArgumentError(`${fn}: parameter ${name} must be a number or a Tensor, got ${String(p)}`);
  }
}

/** Throws unless dt is a finite number > 0. */
export function checkDt(fn: string, dt: number): void {
  if (typeof dt !== 'number' || !Number.isFinite(dt) || dt <= 0) {
    throw new ArgumentError(`${fn}: dt must be a finite number > 0, got ${String(dt)}`);
  }
}

/** True when every parameter is a plain number (what fused kernels accept). */
export function allNumbers(...ps: Param[]): boolean {
  return ps.every((p) => typeof p === 'number');
}

/**
 * A full parameter set: `defaults` with the fields of `p` that are not undefined, each field named in
 * `params` checked to be a number or a tensor (errors name `fn` and the field).
 */
export function withDefaults<P extends object>(
  fn: string,
  defaults: Readonly<P>,
  p: Partial<P>,
  params: readonly (keyof P & string)[],
): P {
  const full = { ...defaults } as P;
  for (const [k, v] of Object.entries(p)) if (v !== undefined) (full as Record<string, unknown>)[k] = v;
  for (const k of params) checkParam(fn, k, full[k]);
  return full;
}
