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

/** -a. */
export const neg = unary('neg');
/** |a|. */
export const abs = unary('abs');
/** e^a (WGSL clamps the argument at 88 so it never overflows f32). */
export const exp = unary('exp');
/** Natural logarithm of a. */
export const log = unary('log');
/** Square root of a. */
export const sqrt = unary('sqrt');
/** Hyperbolic tangent of a. */
export const tanh = unary('tanh');
/** 1 / (1 + e^-a), computed stably by each backend. */
export const sigmoid = unary('sigmoid');
/** a * a. */
export const square = unary('square');
/** 1 / a. */
export const reciprocal = unary('reciprocal');
/** a + b. */
export const add = binary('add');
/** a - b. */
export const sub = binary('sub');
/** a * b. */
export const mul = binary('mul');
/** a / b. */
export const div = binary('div');
/** The larger of a and b. */
export const max = binary('max');
/** The smaller of a and b. */
export const min = binary('min');
/** a < b, for `where`. */
export const lt = compare('lt');
/** a <= b, for `where`. */
export const le = compare('le');
/** a > b, for `where`. */
export const gt = compare('gt');
/** a >= b, for `where`. */
export const ge = compare('ge');
/** `condition ? a : b`, elementwise. */
export function where(condition: Condition, a: SurrogateExpr, b: SurrogateExpr): ExprNode {
  return Object.freeze({ op: 'where' as const, args: Object.freeze([condition, a, b] as const) });
}

const UNARY = new Set<string>(UNARY_OPS);
const BINARY = new Set<string>(BINARY_OPS);
const COMPARE = new Set<string>(COMPARE_OPS);

/** Throws an ArgumentError naming `where` (the surrogate) if `e` is not a well-formed expression. */
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
