import type { BinaryOp, CompareOp, ExprNode, SurrogateExpr, UnaryOp } from './expression.js';

/**
 * What a target provides to evaluate a surrogate expression: core ops, tf ops, WGSL text, host
 * closures... `evaluateExpression` folds the parts that do not depend on x into numbers first
 * (float64, with the host semantics below), so a target sees constants only through `constant`.
 */
export interface ExprAlgebra<T> {
  /** The target's form of a number (a folded constant, `alpha` included). */
  constant(value: number): T;
  /** `op(a)`, with the host meaning of HOST_UNARY. */
  unary(op: UnaryOp, a: T): T;
  /** `op(a, b)`, with the host meaning of HOST_BINARY. */
  binary(op: BinaryOp, a: T, b: T): T;
  /** `op(l, r) ? a : b`. */
  where(op: CompareOp, l: T, r: T, a: T, b: T): T;
  /**
   * Called once on the value of a node the expression uses more than once (WGSL binds it to a `let`;
   * host closures cache it). Tensor targets need nothing: the value is computed once already.
   */
  share?(value: T): T;
}

/** The host (float64) meaning of every operation: what folding and the reference backend compute. */
export const HOST_UNARY: Readonly<Record<UnaryOp, (a: number) => number>> = {
  neg: (a) => -a,
  abs: Math.abs,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  square: (a) => a * a,
  reciprocal: (a) => 1 / a,
};

/** The host (float64) meaning of every binary operation. */
export const HOST_BINARY: Readonly<Record<BinaryOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  max: Math.max,
  min: Math.min,
};

/** The host meaning of every comparison of `where`. */
export const HOST_COMPARE: Readonly<Record<CompareOp, (a: number, b: number) => boolean>> = {
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
};

/** A folded constant or a target value. */
type Value<T> = { readonly num: number } | { readonly val: T };

function countUses(e: SurrogateExpr, uses: Map<object, number>): void {
  if (typeof e !== 'object') return;
  const n = (uses.get(e) ?? 0) + 1;
  uses.set(e, n);
  if (n > 1) return;
  if (e.op === 'where') {
    const [c, a, b] = e.args;
    for (const k of [c.args[0], c.args[1], a, b]) countUses(k, uses);
  } else for (const a of e.args) countUses(a as SurrogateExpr, uses);
}

/**
 * Evaluates `e` on a target. `leaves.alpha` may be a number (folded into constants: tensor and host
 * targets) or a target value (WGSL, where alpha is a uniform). Returns a number when the whole
 * expression does not depend on x (e.g. the straight-through estimator's 1).
 *
 * @param e - The expression.
 * @param leaves - The values of x and alpha on the target.
 * @param algebra - The target's constants and operations.
 * @example
 * ```ts
 * // Print an expression as text (how a code-generating backend sees it)
 * const { x, alpha, mul, abs, add, square, reciprocal } = surrogate.expr;
 * const text: ExprAlgebra<string> = {
 *   constant: (v) => String(v),
 *   unary: (op, a) => `${op}(${a})`,
 *   binary: (op, a, b) => `${op}(${a}, ${b})`,
 *   where: (op, l, r, a, b) => `(${op}(${l}, ${r}) ? ${a} : ${b})`,
 * };
 * const e = reciprocal(square(add(mul(alpha, abs(x)), 1)));
 * console.log(evaluateExpression(e, { x: 'x', alpha: 100 }, text)); // reciprocal(square(add(mul(100, abs(x)), 1)))
 * ```
 */
export function evaluateExpression<T>(
  e: SurrogateExpr,
  leaves: { readonly x: T; readonly alpha: T | number },
  algebra: ExprAlgebra<T>,
): T | number {
  const uses = new Map<object, number>();
  countUses(e, uses);
  const memo = new Map<object, Value<T>>();
  const lift = (v: Value<T>): T => ('num' in v ? algebra.constant(v.num) : v.val);
  const alphaLeaf: Value<T> =
    typeof leaves.alpha === 'number' ? { num: leaves.alpha } : { val: leaves.alpha };

  const visit = (n: SurrogateExpr): Value<T> => {
    if (typeof n === 'number') return { num: n };
    if (n === 'x') return { val: leaves.x };
    if (n === 'alpha') return alphaLeaf;
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    let out = compute(n);
    if ('val' in out && (uses.get(n) ?? 0) > 1 && algebra.share) out = { val: algebra.share(out.val) };
    memo.set(n, out);
    return out;
  };

  const compute = (n: ExprNode): Value<T> => {
    if (n.op === 'where') {
      const [c, a, b] = n.args;
      const l = visit(c.args[0]);
      const r = visit(c.args[1]);
      if ('num' in l && 'num' in r) return visit(HOST_COMPARE[c.op](l.num, r.num) ? a : b);
      const va = visit(a);
      const vb = visit(b);
      return { val: algebra.where(c.op, lift(l), lift(r), lift(va), lift(vb)) };
    }
    if (n.args.length === 1) {
      const op = n.op as UnaryOp;
      const a = visit(n.args[0]);
      return 'num' in a ? { num: HOST_UNARY[op](a.num) } : { val: algebra.unary(op, a.val) };
    }
    const op = n.op as BinaryOp;
    const a = visit(n.args[0] as SurrogateExpr);
    const b = visit(n.args[1] as SurrogateExpr);
    if ('num' in a && 'num' in b) return { num: HOST_BINARY[op](a.num, b.num) };
    return { val: algebra.binary(op, lift(a), lift(b)) };
  };

  const result = visit(e);
  return 'num' in result ? result.num : result.val;
}

type HostFn = (x: number) => number;

/** Host closures: the expression compiled once per alpha into plain JS functions of x. */
const HOST_ALGEBRA: ExprAlgebra<HostFn> = {
  constant: (value) => () => value,
  unary: (op, a) => {
    const f = HOST_UNARY[op];
    return (x) => f(a(x));
  },
  binary: (op, a, b) => {
    const f = HOST_BINARY[op];
    return (x) => f(a(x), b(x));
  },
  where: (op, l, r, a, b) => {
    const test = HOST_COMPARE[op];
    return (x) => (test(l(x), r(x)) ? a(x) : b(x));
  },
  // A shared node is evaluated once per x: remember the last argument and value.
  share: (f) => {
    let lastX = Number.NaN;
    let lastValue = 0;
    return (x) => {
      if (!Object.is(x, lastX)) {
        lastValue = f(x);
        lastX = x;
      }
      return lastValue;
    };
  },
};

/**
 * The expression as a float64 host function of x for a fixed alpha.
 *
 * @param e - The expression (built with surrogate.expr).
 * @param alpha - The surrogate's sharpness, folded into the constants.
 * @example
 * ```ts
 * const { x, alpha, abs, add, mul, square, reciprocal } = surrogate.expr;
 * const superspike = reciprocal(square(add(mul(alpha, abs(x)), 1))); // 1 / (alpha |x| + 1)^2
 * const f = surrogate.compileHost(superspike, 100); // a plain (x: number) => number
 * console.log(f(0), f(0.01)); // 1 0.25
 * ```
 */
export function compileHost(e: SurrogateExpr, alpha: number): HostFn {
  const f = evaluateExpression<HostFn>(e, { x: (x) => x, alpha }, HOST_ALGEBRA);
  return typeof f === 'number' ? () => f : f;
}
