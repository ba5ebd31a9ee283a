import type { KernelName } from '../kernels/kernel-signatures.js';
import type { Tensor } from '../tensor/tensor.js';

/*
 * Which kernel outputs hold only 0 and 1 (spikes), known from the kernel that made them and whether
 * its inputs did. The engine marks such outputs (`Tensor.binary`; reshapes and clones share the mark,
 * as they share the data), and ops route binary operands to event-driven kernels: matMul of a binary
 * `a` runs SpikeMatMul, conv2d of a binary x passes `spikeInput` to Conv2D and its filter gradient.
 * The results are the same either way: the mark only lets a backend skip the zeros.
 */

type Inputs = Readonly<Record<string, Tensor | readonly Tensor[]>>;
/** Given the kernel's inputs and attrs, whether its output (each output) is binary. */
type Rule = (inputs: Inputs, attrs: Record<string, unknown>) => boolean | readonly boolean[];

const isBinary = (v: Tensor | readonly Tensor[] | undefined): boolean =>
  v !== undefined &&
  (Array.isArray(v) ? (v as readonly Tensor[]).every((t) => t.binary) : (v as Tensor).binary);
const zeroOrOne = (v: unknown) => v === 0 || v === 1;

export const BINARY_OUTPUT_RULES: { readonly [K in KernelName]?: Rule } = {
  Spike: () => true,
  /** [z, v, i, vDecayed]: the spikes. */
  LIFSequence: () => [true, false, false, false],
  LIFSpikesFromState: () => true,
  /** [z, vDecayed]: the spikes. */
  LIFRecurrentSequence: () => [true, false],
  /** [spk, mem]: the spikes. */
  LeakySequence: () => [true, false],
  RandomBernoulli: () => true,
  /** A bool cast to a number is 0 or 1. */
  Cast: ({ x }, { dtype }) => dtype !== 'bool' && ((x as Tensor).dtype === 'bool' || isBinary(x)),
  MaxPool: ({ x }) => isBinary(x),
  Transpose: ({ x }) => isBinary(x),
  Slice: ({ x }) => isBinary(x),
  BroadcastTo: ({ x }) => isBinary(x),
  Concat: ({ xs }) => isBinary(xs),
  Pad: ({ x }, { value }) => isBinary(x) && zeroOrOne(value),
  Mul: ({ a, b }) => isBinary(a) && isBinary(b),
  Maximum: ({ a, b }) => isBinary(a) && isBinary(b),
  Minimum: ({ a, b }) => isBinary(a) && isBinary(b),
  Where: ({ a, b }) => isBinary(a) && isBinary(b),
  OneHot: (_inputs, { onValue, offValue }) => zeroOrOne(onValue) && zeroOrOne(offValue),
};
