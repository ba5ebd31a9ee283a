import {
  type ExprAlgebra,
  evaluateExpression,
  getSurrogate,
  type SurrogateBinaryOp,
  type SurrogateCompareOp,
  type SurrogateUnaryOp,
} from '@snn/core';

/*
 * How this backend computes a surrogate derivative. Core's surrogate set is open: any surrogate with
 * an expression runs natively here, compiled into a register program for csrc/expr.c. Core's six
 * built-in surrogates also have a hand-fused formula each (csrc/surrogate.h, evaluated inside the
 * neuron gradient loop with no extra pass); core forbids redefining their names, so a name maps to
 * its formula for good, and a test checks each fused formula against its compiled expression.
 */

/** Fused formulas of csrc/surrogate.h, by built-in name. */
const FUSED: Readonly<Record<string, number>> = Object.freeze({
  superspike: 0,
  atan: 1,
  sigmoid: 2,
  fastSigmoid: 3,
  triangle: 4,
  straightThrough: 5,
});

/** The kernels' code for "values precomputed by the program" (SG_TABLE in csrc/surrogate.h). */
export const SG_TABLE = 6;

/** Registers an expression may use (MAX_REGS of csrc/expr.c): larger ones fall back to core. */
export const MAX_REGISTERS = 48;

const UNARY: Readonly<Record<SurrogateUnaryOp, number>> = {
  neg: 0,
  abs: 1,
  exp: 2,
  log: 3,
  sqrt: 4,
  tanh: 5,
  sigmoid: 6,
  square: 7,
  reciprocal: 8,
};
const BINARY: Readonly<Record<SurrogateBinaryOp, number>> = {
  add: 16,
  sub: 17,
  mul: 18,
  div: 19,
  max: 20,
  min: 21,
};
const COMPARE: Readonly<Record<SurrogateCompareOp, number>> = { lt: 32, le: 33, gt: 34, ge: 35 };

/**
 * The int32 program block of csrc/expr.c for surrogate'(x) at this alpha: [nins, nconsts, result,
 * nins x (op, out, a, b, c, d), constants as float32 bits]; undefined when the surrogate has no
 * expression or needs more than MAX_REGISTERS registers.
 */
export function compileSurrogateProgram(name: string, alpha: number): Int32Array | undefined {
  const def = getSurrogate(name);
  if (def?.derivative === undefined) return undefined;
  // Register 0 holds x, registers 1..consts.length the constants, then one per instruction; operands
  // are kept symbolic until both counts are known.
  type Reg = { readonly constant: number } | { readonly instruction: number } | 'x';
  const consts: number[] = [];
  const ins: { op: number; args: Reg[] }[] = [];
  const algebra: ExprAlgebra<Reg> = {
    constant(value) {
      const f = Math.fround(value);
      const k = consts.indexOf(f);
      return { constant: k >= 0 ? k : consts.push(f) - 1 };
    },
    unary: (op, a) => ({ instruction: ins.push({ op: UNARY[op], args: [a] }) - 1 }),
    binary: (op, a, b) => ({ instruction: ins.push({ op: BINARY[op], args: [a, b] }) - 1 }),
    where: (op, l, r, a, b) => ({ instruction: ins.push({ op: COMPARE[op], args: [l, r, a, b] }) - 1 }),
  };
  const value = evaluateExpression<Reg>(def.derivative, { x: 'x', alpha }, algebra);
  // A derivative that does not depend on x (straight-through's 1) folds to a number.
  const result = typeof value === 'number' ? algebra.constant(value) : value;
  if (1 + consts.length + ins.length > MAX_REGISTERS) return undefined;
  const reg = (r: Reg): number =>
    r === 'x' ? 0 : 'constant' in r ? 1 + r.constant : 1 + consts.length + r.instruction;
  const block = new Int32Array(3 + 6 * ins.length + consts.length);
  block.set([ins.length, consts.length, reg(result)]);
  ins.forEach(({ op, args }, k) => {
    const operands = args.map(reg);
    while (operands.length < 4) operands.push(0);
    block.set([op, 1 + consts.length + k, ...operands], 3 + 6 * k);
  });
  block.set(new Int32Array(Float32Array.from(consts).buffer), 3 + 6 * ins.length);
  return block;
}

/** How a kernel computes the surrogate: a fused formula's code, or SG_TABLE and the program. */
export type SurrogatePlan =
  | { readonly code: number; readonly program?: undefined }
  | { readonly code: typeof SG_TABLE; readonly program: Int32Array };

const plans = new Map<string, SurrogatePlan | null>();

/** The plan for `name` at `alpha` (cached), or undefined when this backend cannot run it natively. */
export function surrogatePlan(name: string, alpha: number): SurrogatePlan | undefined {
  const fused = FUSED[name];
  if (fused !== undefined) return { code: fused };
  const key = `${name}:${alpha}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const program = compileSurrogateProgram(name, alpha);
    plan = program === undefined ? null : { code: SG_TABLE, program };
    if (plans.size > 256) plans.clear(); // alpha annealed every step: keep the cache bounded
    plans.set(key, plan);
  }
  return plan ?? undefined;
}

/** The plan that always takes the compiled program (tests compare it with the fused formulas). */
export function programPlan(name: string, alpha: number): SurrogatePlan | undefined {
  const program = compileSurrogateProgram(name, alpha);
  return program === undefined ? undefined : { code: SG_TABLE, program };
}

/** Whether SpikeGrad and LIFSequenceGrad run surrogate `name` natively (any alpha). */
export function supportsSurrogate(name: string): boolean {
  const def = getSurrogate(name);
  return def !== undefined && (FUSED[name] !== undefined || surrogatePlan(name, def.alpha) !== undefined);
}
