import { ArgumentError, ShapeError } from '../errors.js';
import { requireSurrogate } from '../surrogate/registry.js';
import type { DType } from '../tensor/tensor-info.js';
import type { KernelAttrs, KernelName } from './kernel-signatures.js';
import {
  broadcastShapes,
  checkAxes,
  checkDetachReset,
  checkWindowAttrs,
  conv2dShape,
  formatShape,
  matMulShape,
  poolShape,
  sequenceSizes,
  shapesEqual,
} from './shape-utils.js';

/*
 * Every kernel call's inputs and attrs are checked HERE, once, above the kernel interface: the engine
 * runs these checks before a backend's kernel or core's decomposition sees the call, so kernels in
 * every backend may assume valid inputs and stay lean. Messages name the kernel and, for shapes, both
 * shapes. Only shapes and dtypes are read (never data).
 */

/** What validation reads of a tensor. */
export interface TensorMeta {
  /** The tensor's shape. */
  readonly shape: readonly number[];
  /** The tensor's dtype. */
  readonly dtype: DType;
}

type Meta = TensorMeta;
type Inputs = Readonly<Record<string, Meta | readonly Meta[]>>;
type Validator<K extends KernelName> = (inputs: Inputs, attrs: KernelAttrs<K>, op: string) => void;

const DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

function one(inputs: Inputs, name: string): Meta {
  return inputs[name] as Meta;
}

function float32(op: string, inputs: Inputs, ...names: string[]): void {
  for (const name of names) {
    const t = one(inputs, name);
    if (t.dtype !== 'float32') {
      throw new ArgumentError(`${op}: input '${name}' must be float32, got ${t.dtype}`);
    }
  }
}

function sameDType(op: string, a: Meta, b: Meta, what = 'operands'): void {
  if (a.dtype !== b.dtype) {
    throw new ArgumentError(`${op}: ${what} must share a dtype, got ${a.dtype} and ${b.dtype}`);
  }
}

function integer(op: string, name: string, v: unknown, min: number): asserts v is number {
  if (!Number.isInteger(v) || (v as number) < min) {
    throw new ArgumentError(`${op}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
}

function finite(op: string, attrs: object, ...names: string[]): void {
  for (const name of names) {
    const v = (attrs as Record<string, unknown>)[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ArgumentError(`${op}: attrs.${name} must be a finite number, got ${String(v)}`);
    }
  }
}

function checkShape(op: string, name: string, shape: unknown): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ArgumentError(`${op}: ${name} must be non-negative integers, got ${JSON.stringify(shape)}`);
  }
}

function checkAxis(op: string, shape: readonly number[], axis: unknown): void {
  if (!Number.isInteger(axis) || (axis as number) < 0 || (axis as number) >= shape.length) {
    throw new ArgumentError(`${op}: axis ${String(axis)} is outside the rank of ${formatShape(shape)}`);
  }
}

const arithmetic = (inputs: Inputs, _attrs: unknown, op: string): void => {
  const a = one(inputs, 'a');
  const b = one(inputs, 'b');
  sameDType(op, a, b);
  if (a.dtype === 'bool') {
    throw new ArgumentError(
      `${op}: arithmetic on bool tensors is not defined; cast to float32 or int32 first`,
    );
  }
  broadcastShapes(a.shape, b.shape, op);
};

const comparison = (inputs: Inputs, _attrs: unknown, op: string): void => {
  const a = one(inputs, 'a');
  const b = one(inputs, 'b');
  sameDType(op, a, b);
  broadcastShapes(a.shape, b.shape, op);
};

const unaryFloat = (inputs: Inputs, _attrs: unknown, op: string): void => float32(op, inputs, 'x');

const convolution = (
  op: string,
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
) => checkWindowAttrs(op, strides, pads);

function pool(op: string, x: Meta, attrs: KernelAttrs<'MaxPool'>): number[] {
  const { kernel, strides, pads } = attrs;
  if (kernel.length !== 2 || kernel.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new ArgumentError(`${op}: kernel must be two positive integers, got [${kernel.join(', ')}]`);
  }
  checkWindowAttrs(op, strides, pads);
  return poolShape(x.shape, kernel, strides, pads);
}

/** Optimizer updates: every input float32 and of the parameter's shape (a scalar parameter included). */
function sameFloat32Shapes(op: string, tensors: Readonly<Record<string, Meta>>): void {
  const [[firstName, first], ...rest] = Object.entries(tensors);
  for (const [name, t] of [[firstName, first], ...rest] as const) {
    if (t.dtype !== 'float32')
      throw new ArgumentError(`${op}: input '${name}' must be float32, got ${t.dtype}`);
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        `${op}: ${name} ${formatShape(t.shape)} must have the shape of ${firstName} ${formatShape(first.shape)}`,
      );
    }
  }
}

function checkSurrogate(op: string, attrs: { readonly surrogate: string; readonly alpha: number }): void {
  const above = requireSurrogate(attrs.surrogate, op).alphaAbove ?? 0;
  if (typeof attrs.alpha !== 'number' || !Number.isFinite(attrs.alpha) || attrs.alpha <= above) {
    throw new ArgumentError(`${op}: alpha must be a finite number > ${above}, got ${String(attrs.alpha)}`);
  }
}

function lifAttrs(op: string, attrs: KernelAttrs<'LIFSequence'>): void {
  finite(op, attrs, 'tauSynInv', 'tauMemInv', 'vLeak', 'vTh', 'vReset', 'dt');
  checkSurrogate(op, attrs);
  checkDetachReset(op, attrs.detachReset);
  if (attrs.spikesOnly !== undefined && typeof attrs.spikesOnly !== 'boolean') {
    throw new ArgumentError(
      `${op}: attrs.spikesOnly must be a boolean when given, got ${String(attrs.spikesOnly)}`,
    );
  }
}

function steps(op: string, shape: readonly number[]): void {
  if (shape[0] < 1) throw new ShapeError(`${op}: T must be at least 1, got ${formatShape(shape)}`);
}

/** A recurrent sequence [T, B, n] (T >= 1) and its float32 weights w [n, n]. */
function recurrentShapes(op: string, shape: readonly number[], w: Meta): void {
  if (shape.length !== 3)
    throw new ShapeError(`${op}: the sequence must be [T, B, n], got ${formatShape(shape)}`);
  steps(op, shape);
  float32(op, { w }, 'w');
  const n = shape[2];
  if (w.shape.length !== 2 || w.shape[0] !== n || w.shape[1] !== n) {
    throw new ShapeError(
      `${op}: w ${formatShape(w.shape)} must be [${n}, ${n}] for the sequence ${formatShape(shape)}`,
    );
  }
}

function randomStream(op: string, shape: readonly number[], seed: number, offset: number): void {
  checkShape(op, 'shape', shape);
  for (const [name, v] of [
    ['seed', seed],
    ['offset', offset],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new ArgumentError(`${op}: ${name} must be a non-negative integer below 2^53, got ${v}`);
    }
  }
  // The counter of the last block of four values must stay below 2^53 too.
  const blocks = Math.ceil(shape.reduce((p, d) => p * d, 1) / 4);
  if (!Number.isSafeInteger(offset + blocks)) {
    throw new ArgumentError(`${op}: offset ${offset} + ${blocks} blocks passes 2^53`);
  }
}

const matMul: Validator<'MatMul'> = (inputs, { transposeA, transposeB }, op) => {
  float32(op, inputs, 'a', 'b');
  matMulShape(one(inputs, 'a').shape, one(inputs, 'b').shape, transposeA, transposeB);
};

const VALIDATORS: {
  readonly [K in KernelName]: (inputs: Inputs, attrs: KernelAttrs<K>, op: string) => void;
} = {
  Add: arithmetic,
  Sub: arithmetic,
  Mul: arithmetic,
  Div: arithmetic,
  Pow: arithmetic,
  Maximum: arithmetic,
  Minimum: arithmetic,
  Equal: comparison,
  NotEqual: comparison,
  Greater: comparison,
  GreaterEqual: comparison,
  Less: comparison,
  LessEqual: comparison,
  LogicalAnd: (inputs, _attrs, op) => {
    const a = one(inputs, 'a');
    const b = one(inputs, 'b');
    if (a.dtype !== 'bool' || b.dtype !== 'bool') {
      throw new ArgumentError(`${op}: expects bool operands, got ${a.dtype} and ${b.dtype}`);
    }
    broadcastShapes(a.shape, b.shape, op);
  },
  Neg: unaryFloat,
  Abs: unaryFloat,
  Exp: unaryFloat,
  Log: unaryFloat,
  Sqrt: unaryFloat,
  Reciprocal: unaryFloat,
  Sign: unaryFloat,
  Floor: unaryFloat,
  Tanh: unaryFloat,
  Where: (inputs, _attrs, op) => {
    const c = one(inputs, 'condition');
    const a = one(inputs, 'a');
    const b = one(inputs, 'b');
    if (c.dtype !== 'bool') throw new ArgumentError(`${op}: condition must be bool, got ${c.dtype}`);
    sameDType(op, a, b, 'a and b');
    broadcastShapes(broadcastShapes(c.shape, a.shape, op), b.shape, op);
  },
  Cast: (_inputs, { dtype }, op) => {
    if (!DTYPES.includes(dtype)) {
      throw new ArgumentError(`${op}: dtype must be one of ${DTYPES.join(', ')}, got ${String(dtype)}`);
    }
  },
  Spike: (inputs, { inclusive }, op) => {
    float32(op, inputs, 'x');
    if (typeof inclusive !== 'boolean') {
      throw new ArgumentError(`${op}: attrs.inclusive must be a boolean, got ${String(inclusive)}`);
    }
  },
  Sum: (inputs, { axes }, op) => checkAxes(op, one(inputs, 'x').shape, axes),
  Max: (inputs, { axes }, op) => checkAxes(op, one(inputs, 'x').shape, axes),
  ArgMax: (inputs, { axis }, op) => {
    const { shape } = one(inputs, 'x');
    if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length || shape[axis] === 0) {
      throw new ArgumentError(`${op}: axis ${axis} is not a non-empty axis of shape ${formatShape(shape)}`);
    }
  },
  MatMul: matMul,
  SpikeMatMul: matMul,
  Transpose: (inputs, { perm }, op) => {
    const { shape } = one(inputs, 'x');
    const rank = shape.length;
    if (
      perm.length !== rank ||
      new Set(perm).size !== rank ||
      perm.some((p) => !Number.isInteger(p) || p < 0 || p >= rank)
    ) {
      throw new ArgumentError(
        `${op}: perm [${perm.join(', ')}] is not a permutation of the axes of ${formatShape(shape)}`,
      );
    }
  },
  Slice: (inputs, { begin, size }, op) => {
    const { shape } = one(inputs, 'x');
    const bad =
      begin.length !== shape.length ||
      size.length !== shape.length ||
      shape.some(
        (d, i) =>
          !Number.isInteger(begin[i]) ||
          !Number.isInteger(size[i]) ||
          begin[i] < 0 ||
          size[i] < 0 ||
          begin[i] + size[i] > d,
      );
    if (bad) {
      throw new ShapeError(
        `${op}: begin [${begin.join(', ')}] and size [${size.join(', ')}] do not fit ${formatShape(shape)}`,
      );
    }
  },
  Concat: (inputs, { axis }, op) => {
    const xs = inputs.xs as readonly Meta[];
    if (xs.length === 0) throw new ArgumentError(`${op}: needs at least one tensor`);
    const first = xs[0];
    checkAxis(op, first.shape, axis);
    for (const x of xs) {
      sameDType(op, first, x, 'inputs');
      if (
        x.shape.length !== first.shape.length ||
        x.shape.some((d, i) => i !== axis && d !== first.shape[i])
      ) {
        throw new ShapeError(
          `${op}: shapes ${formatShape(first.shape)} and ${formatShape(x.shape)} differ outside axis ${axis}`,
        );
      }
    }
  },
  Pad: (inputs, { paddings, value }, op) => {
    const { shape } = one(inputs, 'x');
    if (
      paddings.length !== shape.length ||
      paddings.some(
        (p) => p.length !== 2 || !Number.isInteger(p[0]) || !Number.isInteger(p[1]) || p[0] < 0 || p[1] < 0,
      )
    ) {
      throw new ArgumentError(
        `${op}: paddings ${JSON.stringify(paddings)} must give [before, after] >= 0 for each axis of ${formatShape(shape)}`,
      );
    }
    if (typeof value !== 'number')
      throw new ArgumentError(`${op}: value must be a number, got ${String(value)}`);
  },
  BroadcastTo: (inputs, { shape }, op) => {
    const x = one(inputs, 'x');
    checkShape(op, 'shape', shape);
    if (x.shape.length > shape.length || !shapesEqual(broadcastShapes(x.shape, shape, op), shape)) {
      throw new ShapeError(`${op}: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
    }
  },
  OneHot: (inputs, attrs, op) => {
    const indices = one(inputs, 'indices');
    if (indices.dtype !== 'int32')
      throw new ArgumentError(`${op}: indices must be int32, got ${indices.dtype}`);
    integer(op, 'depth', attrs.depth, 0);
    finite(op, attrs, 'onValue', 'offValue');
  },
  RandomUniform: (_inputs, { shape, seed, offset }, op) => randomStream(op, shape, seed, offset),
  RandomBernoulli: (inputs, { steps: count, seed, offset }, op) => {
    float32(op, inputs, 'p');
    integer(op, 'attrs.steps', count, 1);
    randomStream(op, [count, ...one(inputs, 'p').shape], seed, offset);
  },
  Conv2D: (inputs, { strides, pads }, op) => {
    float32(op, inputs, 'x', 'w');
    convolution(op, strides, pads);
    conv2dShape(one(inputs, 'x').shape, one(inputs, 'w').shape, strides, pads);
  },
  Conv2DBackpropInput: (inputs, { xShape, strides, pads }, op) => {
    float32(op, inputs, 'dy', 'w');
    convolution(op, strides, pads);
    checkShape(op, 'xShape', xShape);
    const y = conv2dShape(xShape, one(inputs, 'w').shape, strides, pads);
    const dy = one(inputs, 'dy');
    if (!shapesEqual(dy.shape, y)) {
      throw new ShapeError(
        `${op}: dy ${formatShape(dy.shape)} must be ${formatShape(y)}, the output of x ${formatShape(xShape)}`,
      );
    }
  },
  Conv2DBackpropFilter: (inputs, { wShape, strides, pads }, op) => {
    float32(op, inputs, 'x', 'dy');
    convolution(op, strides, pads);
    checkShape(op, 'wShape', wShape);
    const y = conv2dShape(one(inputs, 'x').shape, wShape, strides, pads);
    const dy = one(inputs, 'dy');
    if (!shapesEqual(dy.shape, y)) {
      throw new ShapeError(
        `${op}: dy ${formatShape(dy.shape)} must be ${formatShape(y)}, the output for w ${formatShape(wShape)}`,
      );
    }
  },
  MaxPool: (inputs, attrs, op) => {
    float32(op, inputs, 'x');
    pool(op, one(inputs, 'x'), attrs);
  },
  MaxPoolGrad: (inputs, attrs, op) => {
    float32(op, inputs, 'dy', 'x');
    const x = one(inputs, 'x');
    const y = pool(op, x, attrs);
    const dy = one(inputs, 'dy');
    if (!shapesEqual(dy.shape, y)) {
      throw new ShapeError(
        `${op}: dy ${formatShape(dy.shape)} is not the pooled shape ${formatShape(y)} of x ${formatShape(x.shape)}`,
      );
    }
  },
  LogSoftmax: (inputs, { axis }, op) => {
    float32(op, inputs, 'x');
    checkAxis(op, one(inputs, 'x').shape, axis);
  },
  SpikeGrad: (inputs, attrs, op) => {
    float32(op, inputs, 'dy', 'x');
    const dy = one(inputs, 'dy');
    const x = one(inputs, 'x');
    if (!shapesEqual(dy.shape, x.shape)) {
      throw new ShapeError(`${op}: dy ${formatShape(dy.shape)} and x ${formatShape(x.shape)} must match`);
    }
    checkSurrogate(op, attrs);
  },
  LIFSequence: (inputs, attrs, op) => {
    const x = one(inputs, 'x');
    sequenceSizes(op, { x }, { v0: one(inputs, 'v0'), i0: one(inputs, 'i0') });
    steps(op, x.shape);
    lifAttrs(op, attrs);
  },
  LIFSpikesFromState: (inputs, attrs, op) => {
    sameFloat32Shapes(op, { v0: one(inputs, 'v0'), i0: one(inputs, 'i0') });
    integer(op, 'attrs.steps', attrs.steps, 1);
    finite(op, attrs, 'tauSynInv', 'tauMemInv', 'vLeak', 'vTh', 'vReset', 'dt');
  },
  LIFSequenceGrad: (inputs, attrs, op) => {
    const names = ['z', 'vDecayed', 'dz', 'dv', 'di'];
    sequenceSizes(op, Object.fromEntries(names.map((n) => [n, one(inputs, n)])));
    steps(op, one(inputs, 'z').shape);
    lifAttrs(op, attrs);
  },
  LIFRecurrentSequence: (inputs, attrs, op) => {
    const x = one(inputs, 'x');
    const states = { z0: one(inputs, 'z0'), v0: one(inputs, 'v0'), i0: one(inputs, 'i0') };
    sequenceSizes(op, { x }, states);
    recurrentShapes(op, x.shape, one(inputs, 'w'));
    lifAttrs(op, attrs);
  },
  LIFRecurrentSequenceGrad: (inputs, attrs, op) => {
    const names = ['z', 'vDecayed', 'dz'];
    sequenceSizes(op, Object.fromEntries(names.map((n) => [n, one(inputs, n)])));
    recurrentShapes(op, one(inputs, 'z').shape, one(inputs, 'w'));
    lifAttrs(op, attrs);
  },
  LISequence: (inputs, attrs, op) => {
    const x = one(inputs, 'x');
    sequenceSizes(op, { x }, { v0: one(inputs, 'v0'), i0: one(inputs, 'i0') });
    steps(op, x.shape);
    finite(op, attrs, 'tauSynInv', 'tauMemInv', 'vLeak', 'dt');
  },
  LISequenceGrad: (inputs, attrs, op) => {
    sequenceSizes(op, { dv: one(inputs, 'dv'), di: one(inputs, 'di') });
    steps(op, one(inputs, 'dv').shape);
    finite(op, attrs, 'tauSynInv', 'tauMemInv', 'vLeak', 'dt');
  },
  LeakySequence: (inputs, { steps: count, resetMechanism, resetDelay }, op) => {
    const x = one(inputs, 'x');
    sequenceSizes(op, { x }, { mem0: one(inputs, 'mem0') });
    integer(op, 'attrs.steps', count, 1);
    if (x.shape[0] !== count && x.shape[0] !== 1) {
      throw new ShapeError(
        `${op}: x ${formatShape(x.shape)} must hold attrs.steps = ${count} steps or one step for all`,
      );
    }
    float32(op, inputs, 'beta', 'threshold');
    for (const name of ['beta', 'threshold']) {
      const { shape } = one(inputs, name);
      if (shape.length > 1 || shape.reduce((a, b) => a * b, 1) !== 1) {
        throw new ShapeError(`${op}: ${name} must hold one value ([] or [1]), got ${formatShape(shape)}`);
      }
    }
    if (resetMechanism !== 'subtract' && resetMechanism !== 'zero' && resetMechanism !== 'none') {
      throw new ArgumentError(
        `${op}: attrs.resetMechanism must be 'subtract', 'zero' or 'none', got ${String(resetMechanism)}`,
      );
    }
    if (typeof resetDelay !== 'boolean') {
      throw new ArgumentError(`${op}: attrs.resetDelay must be a boolean, got ${String(resetDelay)}`);
    }
  },
  AdamUpdate: (inputs, attrs, op) => {
    const names = ['param', 'grad', 'm', 'v'];
    sameFloat32Shapes(op, Object.fromEntries(names.map((n) => [n, one(inputs, n)])));
    finite(op, attrs, 'lr', 'beta1', 'beta2', 'eps', 'weightDecay');
    integer(op, 'step (incremented before the update)', attrs.step, 1);
  },
  SGDUpdate: (inputs, attrs, op) => {
    const names = ['param', 'grad', 'buf'];
    sameFloat32Shapes(op, Object.fromEntries(names.map((n) => [n, one(inputs, n)])));
    finite(op, attrs, 'lr', 'momentum', 'dampening', 'weightDecay');
    for (const name of ['nesterov', 'firstStep'] as const) {
      if (typeof attrs[name] !== 'boolean') {
        throw new ArgumentError(`${op}: attrs.${name} must be a boolean, got ${String(attrs[name])}`);
      }
    }
  },
};

/**
 * Checks one kernel call (inputs by their shapes and dtypes, and attrs) against the kernel's
 * contract; throws a ShapeError or ArgumentError naming the kernel. The engine calls it before every
 * kernel or decomposition; a backend author never has to.
 *
 * @param name - The kernel.
 * @param inputs - Its inputs' shapes and dtypes, by name.
 * @param attrs - Its attributes.
 * @example
 * ```ts
 * const a: TensorMeta = { shape: [2, 3], dtype: 'float32' };
 * const b: TensorMeta = { shape: [4, 5], dtype: 'float32' };
 * validateKernel('MatMul', { a, b: a }, { transposeA: false, transposeB: true }); // fine
 * try {
 *   validateKernel('MatMul', { a, b }, { transposeA: false, transposeB: false });
 * } catch (e) {
 *   console.log((e as Error).message); // a ShapeError: inner dimensions differ, with both shapes
 * }
 * ```
 */
export function validateKernel<K extends KernelName>(name: K, inputs: Inputs, attrs: KernelAttrs<K>): void {
  const validate = VALIDATORS[name] as Validator<K> | undefined;
  if (validate === undefined) throw new ArgumentError(`runKernel: unknown kernel '${String(name)}'`);
  if (attrs === null || typeof attrs !== 'object') {
    throw new ArgumentError(`${name}: attrs must be an object, got ${String(attrs)}`);
  }
  validate(inputs, attrs, name);
}
