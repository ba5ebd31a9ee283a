import { ArgumentError, ShapeError } from '../errors.js';
import { runKernel, type Tensor, tensor, tidy, zeros } from '../index.js';
import { type KernelName, OPTIONAL_KERNELS, REQUIRED_KERNELS } from './kernel-signatures.js';
import { type TensorMeta, validateKernel } from './validate.js';

/*
 * Every kernel call is validated once, by the engine, before a backend kernel or core's decomposition
 * sees it: each kernel rejects a bad call with an error naming the kernel (and both shapes for shape
 * errors), whatever backend is active.
 */

const f = (shape: number[]) => zeros(shape);
const i32 = (shape: number[]) => zeros(shape, 'int32');
const b = (shape: number[]) => zeros(shape, 'bool');
const lif = {
  tauSynInv: 200,
  tauMemInv: 100,
  vLeak: 0,
  vTh: 1,
  vReset: 0,
  dt: 0.001,
  surrogate: 'superspike',
  alpha: 100,
  detachReset: false,
};
const li = { tauSynInv: 200, tauMemInv: 100, vLeak: 0, dt: 0.001 };
const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 1 };
const sgd = { lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, firstStep: true };
const window = { strides: [1, 1], pads: [0, 0, 0, 0] };

/** [kernel, inputs, attrs, message pattern, error class] — one bad call per case. */
type Case = [
  KernelName,
  () => Record<string, Tensor | Tensor[]>,
  object,
  RegExp,
  typeof ShapeError | typeof ArgumentError,
];

const cases: Case[] = [
  [
    'Add',
    () => ({ a: f([2, 3]), b: f([2]) }),
    {},
    /Add: shapes \[2, 3\] and \[2\] cannot be broadcast/,
    ShapeError,
  ],
  [
    'Mul',
    () => ({ a: f([2]), b: i32([2]) }),
    {},
    /Mul: operands must share a dtype, got float32 and int32/,
    ArgumentError,
  ],
  [
    'Div',
    () => ({ a: b([2]), b: b([2]) }),
    {},
    /Div: arithmetic on bool tensors is not defined/,
    ArgumentError,
  ],
  ['Pow', () => ({ a: f([3]), b: f([2]) }), {}, /Pow: shapes \[3\] and \[2\]/, ShapeError],
  ['Maximum', () => ({ a: i32([1]), b: f([1]) }), {}, /Maximum: operands must share a dtype/, ArgumentError],
  ['Sub', () => ({ a: f([4]), b: f([3]) }), {}, /Sub: shapes \[4\] and \[3\]/, ShapeError],
  ['Minimum', () => ({ a: b([1]), b: b([1]) }), {}, /Minimum: arithmetic on bool/, ArgumentError],
  ['Equal', () => ({ a: f([2]), b: b([2]) }), {}, /Equal: operands must share a dtype/, ArgumentError],
  ['Greater', () => ({ a: f([2, 2]), b: f([3]) }), {}, /Greater: shapes \[2, 2\] and \[3\]/, ShapeError],
  ['NotEqual', () => ({ a: f([2]), b: f([5]) }), {}, /NotEqual: shapes/, ShapeError],
  [
    'GreaterEqual',
    () => ({ a: i32([2]), b: f([2]) }),
    {},
    /GreaterEqual: operands must share/,
    ArgumentError,
  ],
  ['Less', () => ({ a: f([2]), b: f([5]) }), {}, /Less: shapes/, ShapeError],
  ['LessEqual', () => ({ a: f([2]), b: f([5]) }), {}, /LessEqual: shapes/, ShapeError],
  [
    'LogicalAnd',
    () => ({ a: f([2]), b: b([2]) }),
    {},
    /LogicalAnd: expects bool operands, got float32 and bool/,
    ArgumentError,
  ],
  ...(['Neg', 'Abs', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Sign', 'Floor', 'Tanh'] as const).map(
    (k): Case => [
      k,
      () => ({ x: i32([2]) }),
      {},
      new RegExp(`${k}: input 'x' must be float32, got int32`),
      ArgumentError,
    ],
  ),
  [
    'Where',
    () => ({ condition: f([2]), a: f([2]), b: f([2]) }),
    {},
    /Where: condition must be bool, got float32/,
    ArgumentError,
  ],
  [
    'Cast',
    () => ({ x: f([2]) }),
    { dtype: 'float64' },
    /Cast: dtype must be one of float32, int32, bool, got float64/,
    ArgumentError,
  ],
  [
    'Spike',
    () => ({ x: f([2]) }),
    {},
    /Spike: attrs.inclusive must be a boolean, got undefined/,
    ArgumentError,
  ],
  [
    'Sum',
    () => ({ x: f([2, 3]) }),
    { axes: [1, 0], keepDims: false },
    /Sum: axes must be sorted, unique and in \[0, 2\)/,
    ArgumentError,
  ],
  [
    'Max',
    () => ({ x: f([2, 3]) }),
    { axes: [2], keepDims: false },
    /Max: axes must be sorted/,
    ArgumentError,
  ],
  [
    'ArgMax',
    () => ({ x: f([2, 0]) }),
    { axis: 1 },
    /ArgMax: axis 1 is not a non-empty axis of shape \[2, 0\]/,
    ArgumentError,
  ],
  [
    'MatMul',
    () => ({ a: f([2, 3]), b: f([2, 3]) }),
    { transposeA: false, transposeB: false },
    /matMul: inner dimensions differ/,
    ShapeError,
  ],
  [
    'SpikeMatMul',
    () => ({ a: i32([2, 3]), b: f([3, 2]) }),
    { transposeA: false, transposeB: false },
    /SpikeMatMul: input 'a' must be float32/,
    ArgumentError,
  ],
  [
    'Transpose',
    () => ({ x: f([2, 3]) }),
    { perm: [0, 0] },
    /Transpose: perm \[0, 0\] is not a permutation of the axes of \[2, 3\]/,
    ArgumentError,
  ],
  [
    'Slice',
    () => ({ x: f([2, 3]) }),
    { begin: [1, 0], size: [2, 3] },
    /Slice: begin \[1, 0\] and size \[2, 3\] do not fit \[2, 3\]/,
    ShapeError,
  ],
  [
    'Concat',
    () => ({ xs: [f([2, 3]), f([2, 4])] }),
    { axis: 0 },
    /Concat: shapes \[2, 3\] and \[2, 4\] differ outside axis 0/,
    ShapeError,
  ],
  [
    'Pad',
    () => ({ x: f([2]) }),
    { paddings: [[-1, 0]], value: 0 },
    /Pad: paddings \[\[-1,0\]\] must give \[before, after\] >= 0/,
    ArgumentError,
  ],
  [
    'BroadcastTo',
    () => ({ x: f([3]) }),
    { shape: [2, 2] },
    /BroadcastTo: shapes \[3\] and \[2, 2\] cannot be broadcast|BroadcastTo: cannot broadcast/,
    ShapeError,
  ],
  [
    'OneHot',
    () => ({ indices: f([2]) }),
    { depth: 3, onValue: 1, offValue: 0 },
    /OneHot: indices must be int32, got float32/,
    ArgumentError,
  ],
  [
    'RandomUniform',
    () => ({}),
    { shape: [2], seed: -1, offset: 0 },
    /RandomUniform: seed must be a non-negative integer below 2\^53, got -1/,
    ArgumentError,
  ],
  [
    'Conv2D',
    () => ({ x: f([1, 2, 4, 4]), w: f([3, 1, 3, 3]) }),
    window,
    /conv2d: expected x \[N, C, H, W\] and w \[O, C, kh, kw\] with equal C/,
    ShapeError,
  ],
  [
    'Conv2DBackpropInput',
    () => ({ dy: f([1, 3, 3, 3]), w: f([3, 2, 3, 3]) }),
    { ...window, xShape: [1, 2, 4, 4] },
    /Conv2DBackpropInput: dy \[1, 3, 3, 3\] must be \[1, 3, 2, 2\]/,
    ShapeError,
  ],
  [
    'Conv2DBackpropFilter',
    () => ({ x: f([1, 2, 4, 4]), dy: f([1, 3, 2, 2]) }),
    { ...window, strides: [0, 1], wShape: [3, 2, 3, 3] },
    /Conv2DBackpropFilter: strides must be two positive integers/,
    ArgumentError,
  ],
  [
    'MaxPool',
    () => ({ x: f([1, 1, 4, 4]) }),
    { kernel: [0, 2], ...window },
    /MaxPool: kernel must be two positive integers, got \[0, 2\]/,
    ArgumentError,
  ],
  [
    'MaxPoolGrad',
    () => ({ dy: f([1, 1, 3, 3]), x: f([1, 1, 4, 4]) }),
    { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] },
    /MaxPoolGrad: dy \[1, 1, 3, 3\] is not the pooled shape \[1, 1, 2, 2\] of x \[1, 1, 4, 4\]/,
    ShapeError,
  ],
  [
    'LogSoftmax',
    () => ({ x: f([2, 3]) }),
    { axis: 2 },
    /LogSoftmax: axis 2 is outside the rank of \[2, 3\]/,
    ArgumentError,
  ],
  [
    'SpikeGrad',
    () => ({ dy: f([2]), x: f([3]) }),
    { surrogate: 'atan', alpha: 2 },
    /SpikeGrad: dy \[2\] and x \[3\] must match/,
    ShapeError,
  ],
  [
    'LIFSequence',
    () => ({ x: f([4, 3]), v0: f([3]), i0: f([2]) }),
    lif,
    /LIFSequence: i0 \[2\] must be one step of x \[4, 3\]/,
    ShapeError,
  ],
  [
    'LIFSequenceGrad',
    () => ({ z: f([4, 3]), vDecayed: f([4, 3]), dz: f([4, 3]), dv: f([4, 3]), di: f([4, 3]) }),
    { ...lif, alpha: 0 },
    /LIFSequenceGrad: alpha must be a finite number > 0, got 0/,
    ArgumentError,
  ],
  [
    'LIFSpikesFromState',
    () => ({ v0: f([2, 3]), i0: f([3]) }),
    { steps: 4, tauSynInv: 0, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 0.001 },
    /LIFSpikesFromState: i0 \[3\] must have the shape of v0 \[2, 3\]/,
    ShapeError,
  ],
  [
    'LIFSpikesFromState',
    () => ({ v0: f([3]), i0: f([3]) }),
    { steps: 0, tauSynInv: 0, tauMemInv: 100, vLeak: 0, vTh: 1, vReset: 0, dt: 0.001 },
    /LIFSpikesFromState: attrs.steps must be an integer >= 1, got 0/,
    ArgumentError,
  ],
  [
    'LIFRecurrentSequence',
    () => ({ x: f([4, 2, 3]), w: f([3, 2]), z0: f([2, 3]), v0: f([2, 3]), i0: f([2, 3]) }),
    lif,
    /LIFRecurrentSequence: w \[3, 2\] must be \[3, 3\] for the sequence \[4, 2, 3\]/,
    ShapeError,
  ],
  [
    'LIFRecurrentSequenceGrad',
    () => ({ z: f([4, 3]), vDecayed: f([4, 3]), dz: f([4, 3]), w: f([3, 3]) }),
    lif,
    /LIFRecurrentSequenceGrad: the sequence must be \[T, B, n\], got \[4, 3\]/,
    ShapeError,
  ],
  [
    'LISequence',
    () => ({ x: f([0, 3]), v0: f([3]), i0: f([3]) }),
    li,
    /LISequence: T must be at least 1, got \[0, 3\]/,
    ShapeError,
  ],
  [
    'LeakySequence',
    () => ({ x: f([3, 2]), mem0: f([2]), beta: f([2]), threshold: f([]) }),
    { steps: 3, resetMechanism: 'subtract', resetDelay: true },
    /LeakySequence: beta must hold one value \(\[\] or \[1\]\), got \[2\]/,
    ShapeError,
  ],
  [
    'LeakySequence',
    () => ({ x: f([2, 2]), mem0: f([2]), beta: f([]), threshold: f([]) }),
    { steps: 3, resetMechanism: 'subtract', resetDelay: true },
    /LeakySequence: x \[2, 2\] must hold attrs.steps = 3 steps or one step for all/,
    ShapeError,
  ],
  [
    'RandomBernoulli',
    () => ({ p: f([4]) }),
    { steps: 0, seed: 1, offset: 0 },
    /RandomBernoulli: attrs.steps must be an integer >= 1, got 0/,
    ArgumentError,
  ],
  [
    'LISequenceGrad',
    () => ({ dv: f([4, 3]), di: f([4, 3]) }),
    { ...li, dt: Number.NaN },
    /LISequenceGrad: attrs.dt must be a finite number, got NaN/,
    ArgumentError,
  ],
  [
    'AdamUpdate',
    () => ({ param: f([3]), grad: f([3]), m: f([3]), v: f([3]) }),
    { ...adam, step: 0 },
    /AdamUpdate: step \(incremented before the update\) must be an integer >= 1, got 0/,
    ArgumentError,
  ],
  [
    'SGDUpdate',
    () => ({ param: f([3]), grad: f([2]), buf: f([3]) }),
    sgd,
    /SGDUpdate: grad \[2\] must have the shape of param \[3\]/,
    ShapeError,
  ],
];

describe('validation above the kernel interface', () => {
  test('every kernel has a case', () => {
    const covered = new Set(cases.map((c) => c[0]));
    expect([...REQUIRED_KERNELS, ...OPTIONAL_KERNELS].filter((k) => !covered.has(k))).toEqual([]);
  });

  test.each(cases)('%s rejects a bad call before any kernel runs', (kernel, inputs, attrs, message, kind) => {
    tidy(() => {
      const call = () => runKernel(kernel, inputs() as never, attrs as never);
      expect(call).toThrow(message);
      expect(call).toThrow(kind);
    });
  });

  test('surrogate kernels name an unknown surrogate; the sequence kernels need detachReset', () => {
    tidy(() => {
      const t = tensor([1, 2], [2]);
      expect(() => runKernel('SpikeGrad', { dy: t, x: t }, { surrogate: 'nope', alpha: 1 })).toThrow(
        /SpikeGrad: unknown surrogate 'nope'; expected one of superspike/,
      );
      const s = tensor([1, 2], [1, 2]);
      const { detachReset: _, ...noDetach } = lif;
      expect(() =>
        runKernel(
          'LIFSequence',
          { x: s, v0: tensor([0, 0], [2]), i0: tensor([0, 0], [2]) },
          noDetach as never,
        ),
      ).toThrow(/LIFSequence: attrs.detachReset must be true/);
      expect(() =>
        runKernel('LIFSequence', { x: s, v0: tensor([0, 0], [2]), i0: tensor([0, 0], [2]) }, {
          ...lif,
          spikesOnly: 1,
        } as never),
      ).toThrow(/LIFSequence: attrs.spikesOnly must be a boolean when given, got 1/);
    });
  });

  test('valid calls pass, reading only shapes and dtypes', () => {
    const m = (shape: number[], dtype: TensorMeta['dtype'] = 'float32'): TensorMeta => ({ shape, dtype });
    expect(() => validateKernel('Add', { a: m([2, 1, 3]), b: m([4, 1]) }, {})).not.toThrow();
    expect(() =>
      validateKernel('Where', { condition: m([2, 1], 'bool'), a: m([3], 'int32'), b: m([], 'int32') }, {}),
    ).not.toThrow();
    expect(() => validateKernel('Concat', { xs: [m([2, 3]), m([4, 3])] }, { axis: 0 })).not.toThrow();
    expect(() => validateKernel('Nope' as KernelName, {}, {} as never)).toThrow(/unknown kernel 'Nope'/);
  });
});
