import { type ExprAlgebra, evaluateExpression, HOST_UNARY } from './evaluate.js';
import type { BinaryOp, CompareOp, SurrogateExpr, UnaryOp } from './expression.js';

/*
 * A surrogate expression compiled for the host's arrays (the reference backend's kernels): a list of
 * instructions over registers of CHUNK float64 values, each run as its own tight loop. Same float64
 * values as compileHost's per-element closures, about as fast as a hand-written formula, no eval.
 */

const CHUNK = 1024;

type Instruction =
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly a: number; readonly out: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly a: number;
      readonly b: number;
      readonly out: number;
    }
  | {
      readonly kind: 'where';
      readonly op: CompareOp;
      readonly l: number;
      readonly r: number;
      readonly a: number;
      readonly b: number;
      readonly out: number;
    };

function runUnary(op: UnaryOp, a: Float64Array, o: Float64Array, n: number): void {
  switch (op) {
    case 'neg':
      for (let k = 0; k < n; k++) o[k] = -a[k];
      return;
    case 'abs':
      for (let k = 0; k < n; k++) o[k] = Math.abs(a[k]);
      return;
    case 'exp':
      for (let k = 0; k < n; k++) o[k] = Math.exp(a[k]);
      return;
    case 'square':
      for (let k = 0; k < n; k++) o[k] = a[k] * a[k];
      return;
    case 'reciprocal':
      for (let k = 0; k < n; k++) o[k] = 1 / a[k];
      return;
    default: {
      const f = HOST_UNARY[op];
      for (let k = 0; k < n; k++) o[k] = f(a[k]);
    }
  }
}

function runBinary(op: BinaryOp, a: Float64Array, b: Float64Array, o: Float64Array, n: number): void {
  switch (op) {
    case 'add':
      for (let k = 0; k < n; k++) o[k] = a[k] + b[k];
      return;
    case 'sub':
      for (let k = 0; k < n; k++) o[k] = a[k] - b[k];
      return;
    case 'mul':
      for (let k = 0; k < n; k++) o[k] = a[k] * b[k];
      return;
    case 'div':
      for (let k = 0; k < n; k++) o[k] = a[k] / b[k];
      return;
    case 'max':
      for (let k = 0; k < n; k++) o[k] = Math.max(a[k], b[k]);
      return;
    case 'min':
      for (let k = 0; k < n; k++) o[k] = Math.min(a[k], b[k]);
  }
}

function runWhere(
  op: CompareOp,
  l: Float64Array,
  r: Float64Array,
  a: Float64Array,
  b: Float64Array,
  o: Float64Array,
  n: number,
): void {
  switch (op) {
    case 'lt':
      for (let k = 0; k < n; k++) o[k] = l[k] < r[k] ? a[k] : b[k];
      return;
    case 'le':
      for (let k = 0; k < n; k++) o[k] = l[k] <= r[k] ? a[k] : b[k];
      return;
    case 'gt':
      for (let k = 0; k < n; k++) o[k] = l[k] > r[k] ? a[k] : b[k];
      return;
    case 'ge':
      for (let k = 0; k < n; k++) o[k] = l[k] >= r[k] ? a[k] : b[k];
  }
}

/** surrogate'(xs[k] - shift) for every k, float64. */
export type HostArrayFunction = (xs: ArrayLike<number>, shift?: number) => Float64Array;

/** Compiles `e` for a fixed alpha into a function over whole arrays. */
export function compileHostArray(e: SurrogateExpr, alpha: number): HostArrayFunction {
  const registers: Float64Array[] = [new Float64Array(CHUNK)]; // register 0 holds x
  const program: Instruction[] = [];
  type Reg = { readonly r: number };
  const reg = (): Reg => ({ r: registers.push(new Float64Array(CHUNK)) - 1 });
  const algebra: ExprAlgebra<Reg> = {
    constant: (value) => {
      const out = reg();
      registers[out.r].fill(value);
      return out;
    },
    unary: (op, a) => {
      const out = reg();
      program.push({ kind: 'unary', op, a: a.r, out: out.r });
      return out;
    },
    binary: (op, a, b) => {
      const out = reg();
      program.push({ kind: 'binary', op, a: a.r, b: b.r, out: out.r });
      return out;
    },
    where: (op, l, r, a, b) => {
      const out = reg();
      program.push({ kind: 'where', op, l: l.r, r: r.r, a: a.r, b: b.r, out: out.r });
      return out;
    },
  };
  const result = evaluateExpression<Reg>(e, { x: { r: 0 }, alpha }, algebra);
  return (xs, shift = 0) => {
    const n = xs.length;
    const out = new Float64Array(n);
    if (typeof result === 'number') return out.fill(result);
    const x = registers[0];
    for (let start = 0; start < n; start += CHUNK) {
      const len = Math.min(CHUNK, n - start);
      for (let k = 0; k < len; k++) x[k] = xs[start + k] - shift;
      for (const ins of program) {
        const o = registers[ins.out];
        if (ins.kind === 'unary') runUnary(ins.op, registers[ins.a], o, len);
        else if (ins.kind === 'binary') runBinary(ins.op, registers[ins.a], registers[ins.b], o, len);
        else runWhere(ins.op, registers[ins.l], registers[ins.r], registers[ins.a], registers[ins.b], o, len);
      }
      const r = registers[result.r];
      for (let k = 0; k < len; k++) out[start + k] = r[k];
    }
    return out;
  };
}
