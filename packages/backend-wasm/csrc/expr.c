/*
 * Any surrogate of core's open set, from its expression: src/surrogate-program.ts compiles the
 * expression (with alpha and every x-independent part folded in float64 by core) into a register
 * program, and this interpreter runs it over SLICE values at a time, four lanes per f32x4, one tight
 * loop per instruction. Each operation rounds to float32 as tfjs and WGSL do; exp, log, tanh and
 * sigmoid go through double (fmath.h) lane by lane. The six built-in surrogates keep their fused
 * formulas (surrogate.h); this is the path for every other expression.
 *
 * Program block (int32, at `prog`): [nins, nconsts, result, ...nins x (op, out, a, b, c, d),
 * ...nconsts float32 bit patterns]. Register 0 holds x - shift, registers 1..nconsts the constants,
 * the rest the instructions' results.
 */
#include "common.h"
#include "fmath.h"

#define SLICE 64
#define MAX_REGS 48 /* = MAX_REGISTERS of src/surrogate-program.ts, which never exceeds it */
#define VECS (SLICE / 4)

enum {
  E_NEG = 0, E_ABS, E_EXP, E_LOG, E_SQRT, E_TANH, E_SIGMOID, E_SQUARE, E_RECIPROCAL,
  E_ADD = 16, E_SUB, E_MUL, E_DIV, E_MAX, E_MIN,
  E_LT = 32, E_LE, E_GT, E_GE
};

typedef float (*lane_fn)(float);
static float lane_exp(float a) { return (float)d_exp((double)a); }
static float lane_log(float a) { return (float)d_log((double)a); }
static float lane_tanh(float a) { return (float)d_tanh((double)a); }
static float lane_sigmoid(float a) { return (float)(1.0 / (1.0 + d_exp(-(double)a))); }

static void lanewise(lane_fn f, const float *a, float *o) {
  for (int k = 0; k < SLICE; k++) o[k] = f(a[k]);
}

static void run_unary(int op, const f4 *a, f4 *o) {
  const f4 one = wasm_f32x4_splat(1.0f);
  switch (op) {
    case E_NEG: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_neg(a[v]); return;
    case E_ABS: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_abs(a[v]); return;
    case E_SQRT: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_sqrt(a[v]); return;
    case E_SQUARE: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_mul(a[v], a[v]); return;
    case E_RECIPROCAL: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_div(one, a[v]); return;
    case E_EXP: lanewise(lane_exp, (const float *)a, (float *)o); return;
    case E_LOG: lanewise(lane_log, (const float *)a, (float *)o); return;
    case E_TANH: lanewise(lane_tanh, (const float *)a, (float *)o); return;
    default: lanewise(lane_sigmoid, (const float *)a, (float *)o); return;
  }
}

static void run_binary(int op, const f4 *a, const f4 *b, f4 *o) {
  switch (op) {
    case E_ADD: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_add(a[v], b[v]); return;
    case E_SUB: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_sub(a[v], b[v]); return;
    case E_MUL: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_mul(a[v], b[v]); return;
    case E_DIV: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_div(a[v], b[v]); return;
    /* IEEE maximum/minimum: NaN propagates, as Math.max/Math.min. */
    case E_MAX: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_max(a[v], b[v]); return;
    default: for (int v = 0; v < VECS; v++) o[v] = wasm_f32x4_min(a[v], b[v]); return;
  }
}

/* o = cmp(l, r) ? a : b (a comparison with NaN is false, so it picks b). */
static void run_where(int op, const f4 *l, const f4 *r, const f4 *a, const f4 *b, f4 *o) {
  for (int v = 0; v < VECS; v++) {
    f4 m;
    switch (op) {
      case E_LT: m = wasm_f32x4_lt(l[v], r[v]); break;
      case E_LE: m = wasm_f32x4_le(l[v], r[v]); break;
      case E_GT: m = wasm_f32x4_gt(l[v], r[v]); break;
      default: m = wasm_f32x4_ge(l[v], r[v]); break;
    }
    o[v] = wasm_v128_bitselect(a[v], b[v], m);
  }
}

/*
 * o[k] = f(x[k] - shift), or dy[k] * f(x[k] - shift) when dy is not null, for the compiled
 * surrogate derivative f (float32 subtraction first, as the fused kernels compute vd - vTh).
 */
EXPORT(snn_surrogate_eval)
void snn_surrogate_eval(const int *prog, const float *x, float shift, const float *dy, float *o, int n,
                        int part, int parts) {
  int lo, hi;
  split_grain(n, SLICE, part, parts, &lo, &hi);
  if (lo >= hi) return;
  f4 regs[MAX_REGS][VECS];
  const int nins = prog[0], nconsts = prog[1], result = prog[2];
  const int *ins = prog + 3;
  const float *consts = (const float *)(ins + 6 * nins);
  for (int c = 0; c < nconsts; c++)
    for (int v = 0; v < VECS; v++) regs[1 + c][v] = wasm_f32x4_splat(consts[c]);
  const f4 S = wasm_f32x4_splat(shift);
  for (int k0 = lo; k0 < hi; k0 += SLICE) {
    int len = hi - k0 < SLICE ? hi - k0 : SLICE;
    float *r0 = (float *)regs[0];
    if (len == SLICE) {
      for (int v = 0; v < VECS; v++) regs[0][v] = wasm_f32x4_sub(wasm_v128_load(x + k0 + 4 * v), S);
    } else {
      for (int k = 0; k < len; k++) r0[k] = x[k0 + k] - shift;
      for (int k = len; k < SLICE; k++) r0[k] = 0.0f;
    }
    for (int i = 0; i < nins; i++) {
      const int *p = ins + 6 * i;
      int op = p[0];
      if (op < E_ADD) run_unary(op, regs[p[2]], regs[p[1]]);
      else if (op < E_LT) run_binary(op, regs[p[2]], regs[p[3]], regs[p[1]]);
      else run_where(op, regs[p[2]], regs[p[3]], regs[p[4]], regs[p[5]], regs[p[1]]);
    }
    const float *r = (const float *)regs[result];
    if (dy)
      for (int k = 0; k < len; k++) o[k0 + k] = dy[k0 + k] * r[k];
    else
      for (int k = 0; k < len; k++) o[k0 + k] = r[k];
  }
}
