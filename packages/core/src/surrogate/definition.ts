import { ArgumentError } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkExpression, type SurrogateExpr } from './expression.js';

/**
 * One surrogate, defined once: the name kernels and checkpoints carry, its customary alpha, and its
 * derivative as an expression every backend turns into its own code (core ops, host numbers, tf ops,
 * WGSL). A backend never lists surrogates: one it cannot generate code for falls back to core's
 * decomposition.
 */
export interface SurrogateSpec {
  /** camelCase name, unique (kernel attrs, `method` strings and checkpoints use it). */
  readonly name: string;
  /** Default slope/sharpness, as in the library the surrogate comes from. */
  readonly alpha: number;
  /** alpha must be greater than this (default 0): QPseudoSpike's (alpha - 1) divides. */
  readonly alphaAbove?: number;
  /** d/dx of the smooth stand-in for the Heaviside step at x = v - vTh (see expression.ts). */
  readonly derivative?: SurrogateExpr;
  /**
   * For a formula the expression cannot write: the derivative in core ops. Without an expression no
   * backend has the surrogate natively; every backend runs this through core's decomposition.
   */
  readonly ops?: (x: Tensor, alpha: number) => Tensor;
  /** With `ops` and no expression: the float64 host formula, so the reference backend runs it natively. */
  readonly host?: (x: number, alpha: number) => number;
  /**
   * The smooth function the surrogate stands for, as an expression over x and alpha (SpikingJelly's
   * `primitive_function`, the output of its `spiking=False` mode). Optional: see `surrogate.primitive`.
   */
  readonly primitive?: SurrogateExpr;
  /** Which library's surrogate it reproduces, for docs (e.g. "snnTorch surrogate.atan"). */
  readonly matches?: string;
}

/** A validated, frozen SurrogateSpec: what the registry holds and backends read. */
export type SurrogateDefinition = SurrogateSpec;

const RESERVED = new Set(['custom', 'heaviside', 'super']);

/** Validates a spec and freezes it into a definition (not registered: see registry.ts). */
export function surrogateDefinition(spec: SurrogateSpec): SurrogateDefinition {
  const where = `surrogate '${String(spec?.name)}'`;
  if (typeof spec?.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(spec.name)) {
    throw new ArgumentError(
      `surrogate: name must be an identifier such as 'gaussian', got ${String(spec?.name)}`,
    );
  }
  if (RESERVED.has(spec.name)) {
    throw new ArgumentError(`${where}: the name is reserved (custom, heaviside, super)`);
  }
  if (spec.alphaAbove !== undefined && !Number.isFinite(spec.alphaAbove)) {
    throw new ArgumentError(`${where}: alphaAbove must be a finite number, got ${String(spec.alphaAbove)}`);
  }
  checkAlpha(spec.name, spec.alpha, spec.alphaAbove);
  if (spec.derivative === undefined && spec.ops === undefined) {
    throw new ArgumentError(`${where}: give its derivative as an expression (or, failing that, as core ops)`);
  }
  if (spec.derivative !== undefined) checkExpression(spec.derivative, where);
  if (spec.primitive !== undefined) checkExpression(spec.primitive, where, 'primitive');
  if (spec.ops !== undefined && typeof spec.ops !== 'function') {
    throw new ArgumentError(`${where}: ops must be a function (x: Tensor, alpha: number) => Tensor`);
  }
  if (spec.host !== undefined && typeof spec.host !== 'function') {
    throw new ArgumentError(`${where}: host must be a function (x: number, alpha: number) => number`);
  }
  return Object.freeze({ ...spec });
}

/** alpha must be a finite number > `above` (0 unless the surrogate says otherwise). */
export function checkAlpha(name: string, alpha: unknown, above = 0): void {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= above) {
    throw new ArgumentError(
      `surrogate.${name}: alpha must be a finite number > ${above}, got ${String(alpha)}`,
    );
  }
}
