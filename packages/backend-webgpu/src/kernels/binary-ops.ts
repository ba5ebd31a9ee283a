import { broadcastShapes, type DType, type TensorInfo } from '@snn/core';
import type { Program } from '../program.js';
import type { WebGPUBackend } from '../webgpu-backend.js';
import { elementwiseProgram, runElementwise } from './elementwise-shader.js';

/*
 * Binary elementwise kernels. Semantics follow core's reference backend: float math in IEEE f32 with
 * NaN handled explicitly (WGSL compilers may assume no NaN), int32 wraps, int32 Div is floor
 * division with 0 for a zero divisor, comparisons work on any dtypes and return bool.
 */

export type ArithmeticOp = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Pow' | 'Maximum' | 'Minimum';
export type ComparisonOp = 'Equal' | 'NotEqual' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual';

const POW_F32 = `
fn pow_f32(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  let bInt = floor(b) == b;
  if (a < 0.0 && !bInt) { return nan_f32(); }
  let ab = abs(a);
  var r: f32;
  if (bInt && abs(b) <= 64.0) {
    // Small integer exponents by repeated squaring: exact for exact results (x^2, x^3 ...).
    var e = u32(abs(b));
    var base = ab;
    r = 1.0;
    loop {
      if ((e & 1u) != 0u) { r = r * base; }
      e = e >> 1u;
      if (e == 0u) { break; }
      base = base * base;
    }
    if (b < 0.0) { r = 1.0 / r; }
  } else if (abs(b) == 0.5) {
    // Square roots are correctly rounded; exp2(0.5 * log2(x)) is not.
    r = select(sqrt(ab), 1.0 / sqrt(ab), b < 0.0);
  } else if (ab == 0.0) {
    r = select(inf_f32(), 0.0, b > 0.0);
  } else {
    r = exp2(b * log2(ab));
  }
  let odd = bInt && abs(b) < 16777216.0 && (i32(b) & 1) != 0;
  if (a < 0.0 && odd) { r = -r; }
  // 0 to a negative odd power keeps the sign of zero: (-0)^-1 = -Inf.
  if (a == 0.0 && odd && b < 0.0 && (bitcast<u32>(a) & 0x80000000u) != 0u) { r = -inf_f32(); }
  return r;
}`;

const INT_HELPERS = `
fn floor_div(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  var q = a / b;
  if ((a % b) != 0 && ((a < 0) != (b < 0))) { q = q - 1; }
  return q;
}
fn pow_i32(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(1, -1, (b & 1) != 0); }
    return 0;
  }
  var e = u32(b);
  var base = a;
  var r = 1;
  loop {
    if (e == 0u) { break; }
    if ((e & 1u) != 0u) { r = r * base; }
    e = e >> 1u;
    base = base * base;
  }
  return r;
}`;

function arithmeticExpr(op: ArithmeticOp, dtype: 'float32' | 'int32'): string {
  const f = dtype === 'float32';
  switch (op) {
    case 'Add':
      return 'v0 + v1';
    case 'Sub':
      return 'v0 - v1';
    case 'Mul':
      return 'v0 * v1';
    case 'Div':
      return f ? 'v0 / v1' : 'floor_div(v0, v1)';
    case 'Pow':
      return f ? 'pow_f32(v0, v1)' : 'pow_i32(v0, v1)';
    case 'Maximum':
      return f ? 'select(max(v0, v1), nan_f32(), is_nan(v0) || is_nan(v1))' : 'max(v0, v1)';
    case 'Minimum':
      return f ? 'select(min(v0, v1), nan_f32(), is_nan(v0) || is_nan(v1))' : 'min(v0, v1)';
  }
}

export function arithmeticProgram(op: ArithmeticOp, dtype: 'float32' | 'int32'): Program {
  const helpers = dtype === 'float32' ? (op === 'Pow' ? POW_F32 : '') : INT_HELPERS;
  return elementwiseProgram(`${op}:${dtype}`, [dtype, dtype], dtype, arithmeticExpr(op, dtype), helpers);
}

export function arithmetic(
  backend: WebGPUBackend,
  op: ArithmeticOp,
  a: TensorInfo,
  b: TensorInfo,
): TensorInfo {
  // Core validated the call: a and b share a numeric dtype.
  const dtype = a.dtype as 'float32' | 'int32';
  const shape = broadcastShapes(a.shape, b.shape, op);
  return runElementwise(backend, arithmeticProgram(op, dtype), [a, b], shape, dtype, op);
}

const CMP: Record<ComparisonOp, string> = {
  Equal: 'x == y',
  // Written as !(==) so NaN != NaN is true whatever the compiler assumes about ordered compares.
  NotEqual: '!(x == y)',
  Greater: 'x > y',
  GreaterEqual: 'x >= y',
  Less: 'x < y',
  LessEqual: 'x <= y',
};

/** Mixed dtypes compare as f32 (as the reference compares JavaScript numbers). */
export function comparisonProgram(op: ComparisonOp | 'LogicalAnd', aDtype: DType, bDtype: DType): Program {
  const conv = aDtype !== bDtype;
  const x = conv ? 'f32(v0)' : 'v0';
  const y = conv ? 'f32(v1)' : 'v1';
  const test =
    op === 'LogicalAnd' ? `(${x} != ${zero(aDtype, conv)}) && (${y} != ${zero(bDtype, conv)})` : CMP[op];
  const expr = `select(0u, 1u, ${test.replace(/\bx\b/g, x).replace(/\by\b/g, y)})`;
  return elementwiseProgram(`${op}:${aDtype}:${bDtype}`, [aDtype, bDtype], 'bool', expr);
}

function zero(dtype: DType, asF32: boolean): string {
  if (asF32 || dtype === 'float32') return '0.0';
  return dtype === 'int32' ? '0' : '0u';
}

export function comparison(
  backend: WebGPUBackend,
  op: ComparisonOp | 'LogicalAnd',
  a: TensorInfo,
  b: TensorInfo,
): TensorInfo {
  const shape = broadcastShapes(a.shape, b.shape, op);
  return runElementwise(backend, comparisonProgram(op, a.dtype, b.dtype), [a, b], shape, 'bool', op);
}
