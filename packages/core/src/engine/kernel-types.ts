import type {
  KernelAttrs,
  KernelInputs,
  KernelName,
  OptionalKernelName,
} from '../kernels/kernel-signatures.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorInfo } from '../tensor/tensor-info.js';

/** Kernels that return several tensors (an array, in their documented order). */
export type MultiOutputKernelName =
  | 'LIFSequence'
  | 'LIFSequenceGrad'
  | 'LIFRecurrentSequence'
  | 'LIFRecurrentSequenceGrad'
  | 'LISequence'
  | 'LISequenceGrad'
  | 'LeakySequence'
  | 'AdamUpdate'
  | 'SGDUpdate';

export const MULTI_OUTPUT_KERNELS: ReadonlySet<string> = new Set<MultiOutputKernelName>([
  'LIFSequence',
  'LIFSequenceGrad',
  'LIFRecurrentSequence',
  'LIFRecurrentSequenceGrad',
  'LISequence',
  'LISequenceGrad',
  'LeakySequence',
  'AdamUpdate',
  'SGDUpdate',
]);

/** What `runKernel(K, ...)` returns: a Tensor, or a Tensor[] for multi-output kernels. */
export type KernelOutput<K extends KernelName> = K extends MultiOutputKernelName ? Tensor[] : Tensor;

/** A kernel's inputs as Tensors (Concat's `xs` is an array). */
export type KernelTensors<K extends KernelName> = {
  readonly [P in keyof KernelInputs<K>]: KernelInputs<K>[P] extends readonly TensorInfo[]
    ? readonly Tensor[]
    : Tensor;
};

/** What a gradient rule gets besides dy: the kernel's inputs and outputs (held by the tape). */
export interface GradSaved<K extends KernelName> {
  /** The kernel's input tensors, by the kernel's input names. */
  readonly inputs: KernelTensors<K>;
  /** The kernel's outputs, in order. */
  readonly outputs: readonly Tensor[];
  /** The gradient of every output (dy is dys[0]); zeros for outputs no gradient reached. */
  readonly dys: readonly Tensor[];
}

/**
 * Gradients of a kernel's inputs, as thunks: the engine calls only those of inputs that lead to a
 * requested gradient, so unneeded ones are never computed. Leave out inputs that have no gradient.
 */
export type GradThunks<K extends KernelName> = {
  readonly [P in keyof KernelInputs<K>]?: () => KernelInputs<K>[P] extends readonly TensorInfo[]
    ? Tensor[]
    : Tensor;
};

/** One gradient rule per kernel, written in core ops so it runs on every backend. */
export interface GradRule<K extends KernelName = KernelName> {
  /** The kernel this rule differentiates. */
  readonly kernelName: K;
  /**
   * The inputs and outputs (by index) gradFunc reads, as tfjs's inputsToSave/outputsToSave: when
   * either is given the tape keeps only those (the others are undefined in `saved`), so
   * backpropagation through T steps does not hold every intermediate. Omitted: everything is kept.
   */
  readonly inputsToSave?: readonly string[];
  /** The outputs (by index) gradFunc reads; see `inputsToSave`. */
  readonly outputsToSave?: readonly number[];
  /** Each returned gradient must have its input's shape (reduce broadcast dims with `sumToShape`). */
  gradFunc(dy: Tensor, saved: GradSaved<K>, attrs: KernelAttrs<K>): GradThunks<K>;
}

/** A decomposition of an optional kernel into other kernels, written in core ops. */
export type Decomposition<K extends OptionalKernelName = OptionalKernelName> = (
  inputs: KernelTensors<K>,
  attrs: KernelAttrs<K>,
) => KernelOutput<K>;
