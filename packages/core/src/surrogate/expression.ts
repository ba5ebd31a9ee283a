import { ArgumentError } from '../errors.js';

/*
 * A surrogate derivative as a small expression over `x` (= v - vTh) and `alpha`: one description
 * from which every backend derives its own code. Core interprets it with core ops (the fallback that
 * runs everywhere) and on host numbers (the reference backend); tfjs interprets it with tf ops;
 * WebGPU prints it as WGSL. A backend never lists surrogate names, so a new surrogate costs no
 * backend edit.
 *
 * Build expressions with the functions below (`mul(alpha, abs(x))`, plain numbers for constants).
 * A node used twice (the same object) is computed once: `const s = sigmoid(mul(alpha, x));
 * mul(s, sub(1, s))` evaluates the sigmoid one time on every backend.
 */

/** The one-argument operations of a surrogate expression. */
export type UnaryOp = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'tanh' | 'sigmoid' | 'square' | 'reciprocal';
/** The two-argument operations of a surrogate expression. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min';
/** The comparisons a `where` condition may use: <, <=, >, >=. */
export type CompareOp = 'lt' | 'le' | 'gt' | 'ge';

/** A leaf (`'x'`, `'alpha'`, a finite number) or an operation node. */
export type SurrogateExpr = number | 'x' | 'alpha' | ExprNode;

/** An operation node: a unary or binary operation, or `where(condition, a, b)`, with its arguments. */
export type ExprNode =
  | {
      /** A one-argument operation. */
      readonly op: UnaryOp;
      /** Its argument. */
      readonly args: readonly [SurrogateExpr];
    }
  | {
      /** A two-argument operation. */
      readonly op: BinaryOp;
      /** Its two arguments, in order (`sub`: args[0] - args[1]). */
      readonly args: readonly [SurrogateExpr, SurrogateExpr];
    }
  | {
      /** Select by a condition. */
      readonly op: 'where';
      /** The condition, the value where it holds, the value where it does not. */
      readonly args: readonly [Condition, SurrogateExpr, SurrogateExpr];
    };

/** A comparison, usable only as the first argument of `where`. */
export interface Condition {
  /** The comparison. */
  readonly op: CompareOp;
  /** The two operands compared. */
  readonly args: readonly [SurrogateExpr, SurrogateExpr];
}

/** Every unary operation name (what backends must implement for surrogate expressions). */
export const UNARY_OPS: readonly UnaryOp[] = [
  'neg',
  'abs',
  'exp',
  'log',
  'sqrt',
  'tanh',
  'sigmoid',
  'square',
  'reciprocal',
];
/** Every binary operation name. */
export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'max', 'min'];
/** Every comparison name. */
export const COMPARE_OPS: readonly CompareOp[] = ['lt', 'le', 'gt', 'ge'];

/** The input: x = v - vTh. */
export const x = 'x' as const;
/** The surrogate's slope/sharpness parameter (a kernel attr, a uniform on GPUs). */
export const alpha = 'alpha' as const;

const unary =
  (op: UnaryOp) =>
  (a: SurrogateExpr): ExprNode =>
    Object.freeze({ op, args: Object.freeze([a] as const) });
const binary =
  (op: BinaryOp) =>
  (a: SurrogateExpr, b: SurrogateExpr): ExprNode =>
    Object.freeze({ op, args: Object.freeze([a, b] as const) });
const compare =
  (op: CompareOp) =>
  (a: SurrogateExpr, b: SurrogateExpr): Condition =>
    Object.freeze({ op, args: Object.freeze([a, b] as const) });

/**
 * -a.
 *
 * @example
 * ```ts
 * const { x, neg } = surrogate.expr;
 * console.log(surrogate.compileHost(neg(x), 1)(2)); // -2
 * ```
 */
export const neg = unary('neg');
/**
 * |a|.
 *
 * @example
 * ```ts
 * const { x, alpha, abs, mul, add, square, reciprocal } = surrogate.expr;
 * const superspike = reciprocal(square(add(mul(alpha, abs(x)), 1))); // 1 / (alpha |x| + 1)^2
 * console.log(surrogate.compileHost(superspike, 100)(-0.01)); // 0.25
 * ```
 */
export const abs = unary('abs');
/**
 * e^a (WGSL clamps the argument at 88 so it never overflows f32).
 *
 * @example
 * ```ts
 * const { x, alpha, exp, neg, mul, square } = surrogate.expr;
 * const gaussian = mul(alpha, exp(neg(square(mul(alpha, x))))); // alpha e^(-(alpha x)^2)
 * console.log(surrogate.compileHost(gaussian, 2)(0)); // 2
 * ```
 */
export const exp = unary('exp');
/**
 * Natural logarithm of a.
 *
 * @example
 * ```ts
 * const { x, log } = surrogate.expr;
 * console.log(surrogate.compileHost(log(x), 1)(Math.E)); // 1
 * ```
 */
export const log = unary('log');
/**
 * Square root of a.
 *
 * @example
 * ```ts
 * const { x, sqrt } = surrogate.expr;
 * console.log(surrogate.compileHost(sqrt(x), 1)(9)); // 3
 * ```
 */
export const sqrt = unary('sqrt');
/**
 * Hyperbolic tangent of a.
 *
 * @example
 * ```ts
 * const { x, alpha, tanh, mul, sub, square } = surrogate.expr;
 * const dtanh = mul(alpha, sub(1, square(tanh(mul(alpha, x))))); // d/dx tanh(alpha x)
 * console.log(surrogate.compileHost(dtanh, 2)(0)); // 2
 * ```
 */
export const tanh = unary('tanh');
/**
 * 1 / (1 + e^-a), computed stably by each backend.
 *
 * @example
 * ```ts
 * const { x, alpha, sigmoid, mul, sub } = surrogate.expr;
 * const s = sigmoid(mul(alpha, x)); // used twice below, computed once on every backend
 * const dsigmoid = mul(alpha, mul(s, sub(1, s))); // SpikingJelly's Sigmoid surrogate
 * console.log(surrogate.compileHost(dsigmoid, 4)(0)); // 1
 * ```
 */
export const sigmoid = unary('sigmoid');
/**
 * a * a.
 *
 * @example
 * ```ts
 * const { x, square } = surrogate.expr;
 * console.log(surrogate.compileHost(square(x), 1)(-3)); // 9
 * ```
 */
export const square = unary('square');
/**
 * 1 / a.
 *
 * @example
 * ```ts
 * const { x, alpha, reciprocal, add, mul, abs } = surrogate.expr;
 * const f = reciprocal(add(mul(alpha, abs(x)), 1)); // 1 / (alpha |x| + 1)
 * console.log(surrogate.compileHost(f, 4)(0.25)); // 0.5
 * ```
 */
export const reciprocal = unary('reciprocal');
/**
 * a + b.
 *
 * @example
 * ```ts
 * const { x, alpha, add } = surrogate.expr;
 * console.log(surrogate.compileHost(add(x, alpha), 2)(1)); // 3
 * ```
 */
export const add = binary('add');
/**
 * a - b.
 *
 * @example
 * ```ts
 * const { x, sub } = surrogate.expr;
 * console.log(surrogate.compileHost(sub(1, x), 1)(0.25)); // 0.75
 * ```
 */
export const sub = binary('sub');
/**
 * a * b.
 *
 * @example
 * ```ts
 * const { x, alpha, mul } = surrogate.expr;
 * console.log(surrogate.compileHost(mul(alpha, x), 3)(2)); // 6
 * ```
 */
export const mul = binary('mul');
/**
 * a / b.
 *
 * @example
 * ```ts
 * const { x, alpha, div } = surrogate.expr;
 * console.log(surrogate.compileHost(div(x, alpha), 4)(2)); // 0.5
 * ```
 */
export const div = binary('div');
/**
 * The larger of a and b.
 *
 * @example
 * ```ts
 * const { x, alpha, max, mul, sub, abs } = surrogate.expr;
 * const triangle = mul(alpha, max(0, sub(1, mul(alpha, abs(x))))); // alpha max(0, 1 - alpha |x|)
 * console.log(surrogate.compileHost(triangle, 1)(0.5)); // 0.5
 * ```
 */
export const max = binary('max');
/**
 * The smaller of a and b.
 *
 * @example
 * ```ts
 * const { x, min } = surrogate.expr;
 * console.log(surrogate.compileHost(min(x, 1), 1)(3)); // 1
 * ```
 */
export const min = binary('min');
/**
 * a < b, for `where`.
 *
 * @example
 * ```ts
 * const { x, where, lt } = surrogate.expr;
 * console.log(surrogate.compileHost(where(lt(x, 0), 0.1, 1), 1)(-2)); // 0.1
 * ```
 */
export const lt = compare('lt');
/**
 * a <= b, for `where`.
 *
 * @example
 * ```ts
 * const { x, where, le } = surrogate.expr;
 * console.log(surrogate.compileHost(where(le(x, 0), 0.1, 1), 1)(0)); // 0.1
 * ```
 */
export const le = compare('le');
/**
 * a > b, for `where`.
 *
 * @example
 * ```ts
 * const { x, where, gt } = surrogate.expr;
 * console.log(surrogate.compileHost(where(gt(x, 0), 1, 0), 1)(0)); // 0
 * ```
 */
export const gt = compare('gt');
/**
 * a >= b, for `where`.
 *
 * @example
 * ```ts
 * const { x, where, ge } = surrogate.expr;
 * console.log(surrogate.compileHost(where(ge(x, 0), 1, 0), 1)(0)); // 1
 * ```
 */
export const ge = compare('ge');
/**
 * `condition ? a : b`, elementwise.
 *
 * @example
 * ```ts
 * const { x, alpha, where, le, abs, mul } = surrogate.expr;
 * // a box: alpha where |x| <= 1/(2 alpha), else 0 (SpikingJelly's rectangular window)
 * const box = where(le(mul(alpha, abs(x)), 0.5), alpha, 0);
 * const f = surrogate.compileHost(box, 2);
 * console.log(f(0.2), f(0.3)); // 2 0
 * ```
 */
export function where(condition: Condition, a: SurrogateExpr, b: SurrogateExpr): ExprNode {
  return Object.freeze({ op: 'where' as const, args: Object.freeze([condition, a, b] as const) });
}

const UNARY = new Set<string>(UNARY_OPS);
const BINARY = new Set<string>(BINARY_OPS);
const COMPARE = new Set<string>(COMPARE_OPS);

/**
 * Throws an ArgumentError naming `where` (the surrogate) if `e` is not a well-formed expression.
 *
 * @example
 * ```ts
 * const { x, alpha, mul } = surrogate.expr;
 * surrogate.expr.checkExpression(mul(alpha, x), 'mySurrogate'); // fine
 * try {
 *   surrogate.expr.checkExpression({ op: 'cube', args: [x] }, 'mySurrogate');
 * } catch (e) {
 *   console.log((e as Error).message); // names mySurrogate and the unknown op
 * }
 * ```
 */
export function checkExpression(e: unknown, where: string, root = 'derivative'): asserts e is SurrogateExpr {
  const visit = (n: unknown, path: string, depth: number): void => {
    if (depth > 64) throw new ArgumentError(`${where}: expression nested deeper than 64 at ${path}`);
    if (n === 'x' || n === 'alpha') return;
    if (typeof n === 'number') {
      if (!Number.isFinite(n)) {
        throw new ArgumentError(`${where}: constants must be finite numbers, got ${n} at ${path}`);
      }
      return;
    }
    const node = n as { op?: unknown; args?: unknown };
    if (n === null || typeof n !== 'object' || !Array.isArray(node.args)) {
      throw new ArgumentError(
        `${where}: expected 'x', 'alpha', a number or an expression node at ${path}, got ${JSON.stringify(n)}`,
      );
    }
    const op = String(node.op);
    const args = node.args as unknown[];
    const arity = UNARY.has(op) ? 1 : BINARY.has(op) ? 2 : op === 'where' ? 3 : -1;
    if (arity < 0) {
      throw new ArgumentError(
        `${where}: unknown operation '${op}' at ${path}; expected one of ${[...UNARY_OPS, ...BINARY_OPS, 'where'].join(', ')}`,
      );
    }
    if (args.length !== arity) {
      throw new ArgumentError(`${where}: '${op}' takes ${arity} arguments, got ${args.length} at ${path}`);
    }
    if (op === 'where') {
      const c = args[0] as { op?: unknown; args?: unknown };
      if (c === null || typeof c !== 'object' || !COMPARE.has(String(c.op)) || !Array.isArray(c.args)) {
        throw new ArgumentError(
          `${where}: the condition of 'where' must be lt, le, gt or ge at ${path}.args[0]`,
        );
      }
      (c.args as unknown[]).forEach((a, k) => {
        visit(a, `${path}.args[0].args[${k}]`, depth + 1);
      });
      visit(args[1], `${path}.args[1]`, depth + 1);
      visit(args[2], `${path}.args[2]`, depth + 1);
      return;
    }
    args.forEach((a, k) => {
      visit(a, `${path}.args[${k}]`, depth + 1);
    });
  };
  visit(e, root, 0);
}
