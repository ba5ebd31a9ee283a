import {
  ArgumentError,
  type ExprAlgebra,
  evaluateExpression,
  getSurrogate,
  type SurrogateBinaryOp,
  type SurrogateUnaryOp,
  surrogateNames,
} from '@snn/core';

/*
 * WGSL `surrogate_grad(x, alpha)` printed from a surrogate's expression (core's
 * surrogate/expression.ts), so every surrogate core defines runs here with no edit to this file.
 * Every intermediate value is a `let`, so a shared node is computed once and nothing is duplicated.
 * The surrogate's name is part of the pipeline key (names are unique); alpha is a uniform.
 * Edge values: exp's argument is clamped at 88 (e^88 is finite in f32; WGSL leaves overflow
 * undefined), and tanh's to +-20, as the Tanh kernel does.
 */

const F32_MAX = 3.4028234663852886e38;

function literal(value: number): string {
  if (!(Math.abs(value) <= F32_MAX)) {
    throw new ArgumentError(`surrogate constant ${value} does not fit in f32`);
  }
  let s = String(value);
  if (!/[.eE]/.test(s)) s += '.0';
  return value < 0 || Object.is(value, -0) ? `(${s})` : s;
}

const UNARY: Record<SurrogateUnaryOp, (a: string) => string> = {
  neg: (a) => `-${a}`,
  abs: (a) => `abs(${a})`,
  exp: (a) => `exp(min(${a}, 88.0))`,
  log: (a) => `log(${a})`,
  sqrt: (a) => `sqrt(${a})`,
  tanh: (a) => `tanh(clamp(${a}, -20.0, 20.0))`,
  // 1 / (1 + e^-a); the exponent is clamped so it never overflows.
  sigmoid: (a) => `1.0 / (1.0 + exp(min(-${a}, 88.0)))`,
  square: (a) => `${a} * ${a}`,
  reciprocal: (a) => `1.0 / ${a}`,
};

const BINARY: Record<SurrogateBinaryOp, (a: string, b: string) => string> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  max: (a, b) => `max(${a}, ${b})`,
  min: (a, b) => `min(${a}, ${b})`,
};

const COMPARE = { lt: '<', le: '<=', gt: '>', ge: '>=' } as const;

/** The WGSL function body's statements and result for an expression; values are `let` names. */
function print(expression: NonNullable<ReturnType<typeof getSurrogate>>['derivative']): string {
  const lines: string[] = [];
  const bind = (code: string) => {
    const name = `e${lines.length}`;
    lines.push(`  let ${name} = ${code};`);
    return name;
  };
  const algebra: ExprAlgebra<string> = {
    constant: literal,
    unary: (op, a) => bind(UNARY[op](a)),
    binary: (op, a, b) => bind(BINARY[op](a, b)),
    where: (op, l, r, a, b) => bind(`select(${b}, ${a}, ${l} ${COMPARE[op]} ${r})`),
  };
  const result = evaluateExpression<string>(expression!, { x: 'x', alpha: 'alpha' }, algebra);
  const value = typeof result === 'number' ? literal(result) : result;
  return [...lines, `  return ${value};`].join('\n');
}

const cache = new Map<string, string | Error>();

/** `fn surrogate_grad(x: f32, alpha: f32) -> f32` for a defined surrogate that has an expression. */
export function surrogateWgsl(name: string): string {
  let hit = cache.get(name);
  if (hit === undefined) {
    const def = getSurrogate(name);
    try {
      if (def?.derivative === undefined) {
        throw new ArgumentError(
          `webgpu backend: surrogate '${name}' has no expression to compile (defined: ${surrogateNames().join(', ')}); core runs its decomposition instead`,
        );
      }
      hit = `fn surrogate_grad(x: f32, alpha: f32) -> f32 {\n${print(def.derivative)}\n}`;
    } catch (e) {
      hit = e as Error;
    }
    // Only cache what the registry knew: a surrogate defined later must not stay "unknown".
    if (def !== undefined) cache.set(name, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

/** Whether surrogateWgsl can compile the surrogate (it has an expression WGSL can hold). */
export function wgslSupportsSurrogate(name: string): boolean {
  try {
    surrogateWgsl(name);
    return true;
  } catch {
    return false;
  }
}
