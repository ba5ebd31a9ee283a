import type { DType } from '@snn/core';

/*
 * A compute program: one WGSL entry point `main` with storage bindings for inputs (read-only) then
 * outputs, and one uniform block of 32-bit words holding shapes, strides and scalars. Shapes are in
 * the uniforms, never in the source, so one compiled pipeline serves every shape.
 */
export interface Program {
  /** Pipeline cache key: kernel name plus dtypes and other source-changing choices, never shapes. */
  readonly key: string;
  readonly numInputs: number;
  readonly numOutputs: number;
  /** How many 32-bit uniform words the shader declares (rounded up to whole vec4s). */
  readonly uniformWords: number;
  /** Builds the WGSL source; called once per key. */
  readonly build: () => string;
}

/** Largest tensor rank the generic index shaders handle (core's ops stay well below it). */
export const MAX_RANK = 8;

/** WGSL storage element type of each dtype. bool is stored as one u32 (0 or 1) per element. */
export function wgslType(dtype: DType): 'f32' | 'i32' | 'u32' {
  return dtype === 'float32' ? 'f32' : dtype === 'int32' ? 'i32' : 'u32';
}

export interface BindingDecl {
  readonly name: string;
  readonly type: 'f32' | 'i32' | 'u32';
}

/**
 * The bindings and uniform accessors every program starts with: `pu(i)`, `pi(i)`, `pf(i)` read
 * uniform word i as u32, i32 or f32; `NAN`, `INF`, `is_nan` work around WGSL's lack of NaN/Inf literals.
 */
export function header(
  inputs: readonly BindingDecl[],
  outputs: readonly BindingDecl[],
  uniformWords: number,
): string {
  const lines: string[] = [];
  let b = 0;
  for (const i of inputs)
    lines.push(`@group(0) @binding(${b++}) var<storage, read> ${i.name}: array<${i.type}>;`);
  for (const o of outputs) {
    lines.push(`@group(0) @binding(${b++}) var<storage, read_write> ${o.name}: array<${o.type}>;`);
  }
  const vec4s = Math.max(1, Math.ceil(uniformWords / 4));
  lines.push(`struct Params { w: array<vec4<u32>, ${vec4s}> }`);
  lines.push(`@group(0) @binding(${b}) var<uniform> params: Params;`);
  lines.push(`fn pu(i: u32) -> u32 { return params.w[i >> 2u][i & 3u]; }
fn pi(i: u32) -> i32 { return bitcast<i32>(pu(i)); }
fn pf(i: u32) -> f32 { return bitcast<f32>(pu(i)); }
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
// A var, not a literal: WGSL rejects NaN and Inf in constant expressions.
fn nan_f32() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
fn inf_f32() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }`);
  return lines.join('\n');
}

/** Workgroup size of the one-thread-per-element shaders. */
export const ELEMENTWISE_WG = 64;

/**
 * Entry point of a one-thread-per-element shader over a 2-D grid of workgroups (WebGPU caps each
 * grid dimension at 65535): `idx` is the flat element index.
 */
export function elementwiseMain(body: string): string {
  return `@compute @workgroup_size(${ELEMENTWISE_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let idx = gid.x + gid.y * nwg.x * ${ELEMENTWISE_WG}u;
${body}
}`;
}

/** A 2-D workgroup grid covering `groups` workgroups ([0, 1, 1] for none: the dispatch is skipped). */
export function grid(groups: number): [number, number, number] {
  if (groups <= 65535) return [groups, 1, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y, 1];
}

/** Packs uniform words: u32, i32 and f32 share one Uint32Array. */
export class Uniforms {
  readonly words: Uint32Array;
  private readonly f32: Float32Array;
  private readonly i32: Int32Array;

  constructor(count: number) {
    this.words = new Uint32Array(Math.max(4, Math.ceil(count / 4) * 4));
    this.f32 = new Float32Array(this.words.buffer);
    this.i32 = new Int32Array(this.words.buffer);
  }
  u(i: number, v: number): this {
    this.words[i] = v >>> 0;
    return this;
  }
  i(i: number, v: number): this {
    this.i32[i] = v;
    return this;
  }
  f(i: number, v: number): this {
    this.f32[i] = v;
    return this;
  }
  /** Writes an array of u32 words starting at `i`. */
  arr(i: number, vs: readonly number[]): this {
    for (let k = 0; k < vs.length; k++) this.words[i + k] = vs[k] >>> 0;
    return this;
  }
  /** Writes a value whose bit pattern depends on the dtype (float32 as f32 bits, else i32/u32). */
  typed(i: number, v: number, dtype: DType): this {
    if (dtype === 'float32') return this.f(i, v);
    if (dtype === 'int32') return this.i(i, v);
    return this.u(i, v !== 0 ? 1 : 0);
  }
}

/** WGSL test that a value of `dtype` named `v` is non-zero (NaN counts as non-zero, -0 as zero). */
export function nonZero(dtype: DType, v: string): string {
  if (dtype === 'float32') return `((bitcast<u32>(${v}) & 0x7fffffffu) != 0u)`;
  return dtype === 'int32' ? `(${v} != 0)` : `(${v} != 0u)`;
}
