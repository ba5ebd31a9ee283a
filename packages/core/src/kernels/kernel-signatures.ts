import type { SurrogateName } from '../surrogate/resolve.js';
import type { DType, TensorInfo } from '../tensor/tensor-info.js';

/*
 * The one typed kernel vocabulary every backend implements. Kernel names are PascalCase; a file named
 * after each kernel (`MatMul.ts`) implements it in every backend, so a grep finds them all.
 *
 * Conventions shared by all kernels (backends must follow them exactly, the conformance suite checks):
 * - Core validates every call before a backend sees it (kernels/validate.ts: dtypes, shapes, attrs,
 *   with errors naming the kernel), so a backend's kernels assume valid inputs and check nothing.
 * - Shapes are row-major (C order). Layout for images is NCHW, weights OIHW, as in PyTorch.
 * - Binary elementwise kernels broadcast as NumPy does and require a.dtype === b.dtype. Arithmetic
 *   kernels return that dtype (never bool); comparisons return 'bool'. Unary math kernels take and
 *   return 'float32'.
 * - Reductions: `axes` are non-negative and sorted; with keepDims the reduced axes stay with size 1.
 * - Kernels compute their own output shape with the helpers in `kernels/shape-utils.ts` (core), so
 *   shape rules live in one place.
 * - Kernels never mutate inputs; they return fresh data (a backend may alias internally only if the
 *   aliasing is invisible to core).
 */

/** A kernel's input tensors by name (what core passes a backend: data handles with shape and dtype). */
export type Inputs<Names extends string> = { readonly [N in Names]: TensorInfo };
type NoAttrs = Record<string, never>;

type Binary = { inputs: Inputs<'a' | 'b'>; attrs: NoAttrs };
type Unary = { inputs: Inputs<'x'>; attrs: NoAttrs };
type Reduce = {
  inputs: Inputs<'x'>;
  attrs: { readonly axes: readonly number[]; readonly keepDims: boolean };
};

/**
 * Kernels every backend must implement: 25, none of them a composition of the others. Core validates
 * every call (kernels/validate.ts) before it reaches a backend, so kernels may assume valid inputs.
 */
export interface RequiredKernels {
  // Elementwise binary, NumPy broadcasting.
  /** a + b. */
  Add: Binary;
  /** a * b. */
  Mul: Binary;
  /** Float division; int32 is floor division (PyTorch's `//`). */
  Div: Binary;
  /** a ** b. */
  Pow: Binary;
  /** NaN propagates (torch.maximum). */
  Maximum: Binary;
  /** a == b, 'bool' out. */
  Equal: Binary;
  /** a > b, 'bool' out. */
  Greater: Binary;
  // Elementwise unary (float32).
  /** e^x. */
  Exp: Unary;
  /** Natural logarithm. */
  Log: Unary;
  /** Square root. */
  Sqrt: Unary;
  /** -1, 0 or 1 by the sign of x. */
  Sign: Unary; // -1, 0, 1; NaN stays NaN
  /** Largest integer <= x. */
  Floor: Unary;
  /** Hyperbolic tangent. */
  Tanh: Unary;
  /** condition ('bool') ? a : b, all three broadcast together; a and b share a dtype. */
  Where: {
    /** The kernel's input tensors, by name: `condition` ('bool'), `a` and `b` (the values picked where it is true / false). */
    inputs: Inputs<'condition' | 'a' | 'b'>;
    /** None. */
    attrs: NoAttrs;
  };
  /** float32 -> int32 truncates toward zero; anything -> bool is x !== 0; bool -> numbers is 0/1. */
  Cast: {
    /** The tensor to convert. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The output's dtype. */
      readonly dtype: DType;
    };
  };
  // Reductions.
  /** Sum over `axes`. */
  Sum: Reduce;
  /** Maximum over `axes`. */
  Max: Reduce;
  /** Index of the first maximum along one axis; int32 out; the axis is removed. */
  ArgMax: {
    /** The tensor to search. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The axis searched (non-negative); it is removed from the output's shape. */
      readonly axis: number;
    };
  };
  /**
   * a [...batch, M, K] (or [..., K, M] with transposeA) times b [...batch, K, N] (or [..., N, K]).
   * Rank 2 or 3. For rank 3 the batch sizes are equal or one of them is 1 (broadcast). float32.
   */
  MatMul: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'a' | 'b'>;
    /** The kernel's attributes. */
    attrs: {
      /** Read `a` as its last two axes swapped ([..., K, M]), without a Transpose kernel. */
      readonly transposeA: boolean;
      /** Read `b` as its last two axes swapped ([..., N, K]), without a Transpose kernel. */
      readonly transposeB: boolean;
    };
  };
  // Movement. (Reshape is metadata in core: no kernel.)
  /** Permutes the axes: output axis i is input axis perm[i]. */
  Transpose: {
    /** The tensor to permute. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** A permutation of 0 .. rank - 1 (PyTorch's `permute` dims). */
      readonly perm: readonly number[];
    };
  };
  /** x[begin[d] : begin[d] + size[d]] along every axis. */
  Slice: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The first index taken along each axis. */
      readonly begin: readonly number[];
      /** How many elements are taken along each axis (the output's shape). */
      readonly size: readonly number[];
    };
  };
  /** Inputs share dtype and all dims but `axis`. */
  Concat: {
    /** The kernel's input tensors. */
    inputs: {
      /** The tensors to join, in order (at least one). */
      readonly xs: readonly TensorInfo[];
    };
    /** The kernel's attributes. */
    attrs: {
      /** The axis they are joined along (non-negative). */
      readonly axis: number;
    };
  };
  /** paddings[d] = [before, after] (non-negative), filled with `value`. */
  Pad: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** One [before, after] pair per axis: how many elements are added on each side. */
      readonly paddings: readonly (readonly [number, number])[];
      /** The value of the added elements (0 for zero padding). */
      readonly value: number;
    };
  };
  /** Repeat x to `shape` (NumPy broadcast_to rules). */
  BroadcastTo: {
    /** The tensor to repeat. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The output's shape; x's shape must broadcast to it. */
      readonly shape: readonly number[];
    };
  };
  /**
   * Uniform float32 in [0, 1) from core's counter-based generator (Philox4x32-10, see
   * `random/philox.ts`, which is the specification): element i of the row-major output is word
   * (i % 4) of philox4x32_10(counter = [lo32(offset + floor(i / 4)), hi32(offset + floor(i / 4)), 0, 0],
   * key = [lo32(seed), hi32(seed)]), converted as (word >>> 8) * 2^-24.
   * `seed` and `offset` are non-negative integers below 2^53.
   */
  RandomUniform: {
    /** The kernel's input tensors, by name. */
    inputs: Record<string, never>;
    /** The kernel's attributes. */
    attrs: {
      /** The output's shape. */
      readonly shape: readonly number[];
      /** The generator's key (the stream): an integer in [0, 2^53). */
      readonly seed: number;
      /** The first counter used (in blocks of four numbers): an integer in [0, 2^53). */
      readonly offset: number;
    };
  };
}

/** Shared scalar/per-neuron parameter attrs of the fused neuron kernels (numbers only: per-neuron
 * tensor parameters always take the decomposition in core). */
export interface LIFSequenceAttrs {
  /** 1 / synaptic time constant, in 1/s (Norse `tau_syn_inv`, default 200). */
  readonly tauSynInv: number;
  /** 1 / membrane time constant, in 1/s (Norse `tau_mem_inv`, default 100). */
  readonly tauMemInv: number;
  /** Leak (resting) potential (Norse `v_leak`, default 0). */
  readonly vLeak: number;
  /** Threshold: a neuron fires when vd - vTh > 0 (Norse `v_th`, default 1). */
  readonly vTh: number;
  /** Potential after a spike (Norse `v_reset`, default 0). */
  readonly vReset: number;
  /** Integration step, in s (Norse's `dt`, default 0.001). */
  readonly dt: number;
  /** A defined surrogate (core's `surrogate/` registry; the set is open), applied by LIFSequenceGrad. */
  readonly surrogate: SurrogateName;
  /** The surrogate's sharpness (Norse `alpha`, default 100 for SuperSpike). */
  readonly alpha: number;
  /**
   * Gradient of the reset v = (1 - z)*vd + z*vReset (the forward is the same either way).
   * true: Norse's `lif_step` semantics, z detached in the reset, so dv_t/dvd_t = 1 - z.
   * false: Norse's `lif_feed_forward_step` semantics, the gradient also flows through z in the reset
   * term: dv_t/dvd_t = (1 - z) + (vReset - vd)*surrogate'(vd - vTh).
   */
  readonly detachReset: boolean;
  /**
   * LIFSequence only: the caller reads the spikes alone and takes no gradient through this call (the
   * kernel is run outside any gradient recording), so a backend may skip the states and return [z]
   * alone instead of [z, v, i, vDecayed]. Absent or false: all four outputs.
   */
  readonly spikesOnly?: boolean;
}

/**
 * Kernels a backend may implement for speed. Core holds a decomposition of each into required
 * kernels (ops/decompositions/<Kernel>.ts) and uses it when a backend lacks the kernel; the two must
 * agree (the conformance suite runs every case through the decompositions too).
 */
export interface OptionalKernels {
  // Elementwise kernels that are compositions of required ones.
  /** a - b = a + (-1)*b. */
  Sub: Binary;
  /** Elementwise minimum, NaN propagates: -max(-a, -b) (int32: where(b < a, b, a)). */
  Minimum: Binary;
  /** a != b = (a == b) == false (NaN != NaN is true). */
  NotEqual: Binary;
  /** a >= b = where(a > b, true, a == b) (false with a NaN). */
  GreaterEqual: Binary;
  /** a < b = b > a. */
  Less: Binary;
  /** a <= b = b >= a. */
  LessEqual: Binary;
  /** bool x bool -> bool: where(a, b, false). */
  LogicalAnd: Binary;
  /** -x = (-1)*x. */
  Neg: Unary;
  /** |x| = max(x, -x). */
  Abs: Unary;
  /** 1/x = 1 / x (Div). */
  Reciprocal: Unary;
  /**
   * Heaviside spike: 1 where x > 0 (or x >= 0 with `inclusive`, SpikingJelly's convention), else 0
   * (NaN gives 0). float32 out. Cast(Greater(x, 0)) or Cast(GreaterEqual(x, 0)).
   */
  Spike: {
    /** The membrane potential minus the threshold. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** Fire on x >= 0 (SpikingJelly's heaviside) instead of x > 0 (Norse, snnTorch). */
      readonly inclusive: boolean;
    };
  };
  /**
   * indices (int32, any shape) -> float32 [...indices.shape, depth] with onValue/offValue; an index
   * outside [0, depth) gives a row of offValue. where(indices[..., None] == arange(depth), on, off).
   */
  OneHot: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'indices'>;
    /** The kernel's attributes. */
    attrs: {
      /** The number of classes: the size of the new last axis. */
      readonly depth: number;
      /** The value at each index (1 for a one-hot code). */
      readonly onValue: number;
      /** The value everywhere else (0 for a one-hot code). */
      readonly offValue: number;
    };
  };
  /**
   * x [N, C, H, W], w [O, C, kh, kw] -> [N, O, Ho, Wo]. pads = [top, bottom, left, right]. No bias.
   * `spikeInput`: core knows x holds only 0 and 1 (a backend may scatter w at each spike instead).
   */
  Conv2D: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'x' | 'w'>;
    /** The kernel's attributes. */
    attrs: {
      /** Step of the window along H and W. */
      readonly strides: readonly [number, number];
      /** Zero padding [top, bottom, left, right]. */
      readonly pads: readonly [number, number, number, number];
      /** x holds only 0 and 1 (set by core from `Tensor.binary`); a backend may ignore it. */
      readonly spikeInput?: boolean;
    };
  };
  /** Gradient of Conv2D with respect to x: dy [N, O, Ho, Wo], w -> dx of shape xShape. */
  Conv2DBackpropInput: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'dy' | 'w'>;
    /** The kernel's attributes. */
    attrs: {
      /** The forward input's shape [N, C, H, W]. */
      readonly xShape: readonly [number, number, number, number];
      /** The forward pass's strides. */
      readonly strides: readonly [number, number];
      /** The forward pass's padding [top, bottom, left, right]. */
      readonly pads: readonly [number, number, number, number];
    };
  };
  /** Gradient of Conv2D with respect to w: x, dy -> dw of shape wShape. `spikeInput` as Conv2D's. */
  Conv2DBackpropFilter: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'x' | 'dy'>;
    /** The kernel's attributes. */
    attrs: {
      /** The filter's shape [outChannels, inChannels, kH, kW]. */
      readonly wShape: readonly [number, number, number, number];
      /** The forward pass's strides. */
      readonly strides: readonly [number, number];
      /** The forward pass's padding [top, bottom, left, right]. */
      readonly pads: readonly [number, number, number, number];
      /** x holds only 0 and 1 (set by core from `Tensor.binary`); a backend may ignore it. */
      readonly spikeInput?: boolean;
    };
  };
  /** Max pooling over NCHW; padding counts as -Infinity. */
  MaxPool: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** Window size [height, width]. */
      readonly kernel: readonly [number, number];
      /** Step of the window along H and W. */
      readonly strides: readonly [number, number];
      /** Padding [top, bottom, left, right], counted as -Infinity. */
      readonly pads: readonly [number, number, number, number];
    };
  };
  /** dx for MaxPool: each dy goes to the first (row-major) maximum of its window. */
  MaxPoolGrad: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'dy' | 'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The forward pass's window size. */
      readonly kernel: readonly [number, number];
      /** The forward pass's strides. */
      readonly strides: readonly [number, number];
      /** The forward pass's padding. */
      readonly pads: readonly [number, number, number, number];
    };
  };
  /**
   * log(softmax(x)) along one axis, computed stably as x - max - log(sum(exp(x - max)))
   * (torch.nn.functional.log_softmax).
   */
  LogSoftmax: {
    /** The logits. */
    inputs: Inputs<'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The axis normalised over (non-negative). */
      readonly axis: number;
    };
  };
  /** dy * surrogate'(x) for the Heaviside spike, in one pass; `surrogate` names a defined surrogate. */
  SpikeGrad: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'dy' | 'x'>;
    /** The kernel's attributes. */
    attrs: {
      /** The surrogate's name (core's `surrogate/` registry, e.g. 'superspike', 'atan'). */
      readonly surrogate: SurrogateName;
      /** The surrogate's sharpness. */
      readonly alpha: number;
    };
  };
  /** MatMul whose `a` holds only 0 and 1 (spikes): a backend may skip the zeros. Same attrs as MatMul. */
  SpikeMatMul: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'a' | 'b'>;
    /** The kernel's attributes. */
    attrs: {
      /** Read the spikes `a` as their last two axes swapped, as MatMul's. */
      readonly transposeA: boolean;
      /** Read `b` as its last two axes swapped, as MatMul's. */
      readonly transposeB: boolean;
    };
  };
  /**
   * Norse's lif_feed_forward_step over all T steps. x [T, ...n], v0 and i0 [...n].
   * Per step: vd = v + dt*tauMemInv*((vLeak - v) + i); id = i - dt*tauSynInv*i; z = Spike(vd - vTh);
   * v = (1 - z)*vd + z*vReset; i = id + x[t]. Returns [z, v, i, vDecayed], each [T, ...n]
   * (v and i after each step; vDecayed, before reset, is what the gradient kernel needs).
   */
  LIFSequence: {
    /** x: the input current of every step [T, ...n]; v0, i0: the state before the first step [...n]. */
    inputs: Inputs<'x' | 'v0' | 'i0'>;
    /** The neuron's parameters (scalars), dt and the gradient options. */
    attrs: LIFSequenceAttrs;
  };
  /**
   * The spikes of LIFSequence run for `steps` steps with no input (x = 0 at every step) from the state
   * (v0, i0) [...n]: the constant-current encoders (Norse's lif_current_encoder is this with
   * tauSynInv 0, the constant current held in i0). Per step, as LIFSequence's:
   * vd = v + dt*tauMemInv*((vLeak - v) + i); id = i - dt*tauSynInv*i; z = Spike(vd - vTh);
   * v = (1 - z)*vd + z*vReset; i = id + 0. Returns z [steps, ...n], equal to LIFSequence's z for a
   * zero x. Forward only: no gradient rule, so core runs it only where no gradient is recorded.
   */
  LIFSpikesFromState: {
    /** v0, i0: the state before the first step [...n]. */
    inputs: Inputs<'v0' | 'i0'>;
    /** The number of steps, and LIFSequence's neuron parameters (scalars; tauSynInv 0: the current stays i0) and dt. */
    attrs: {
      /** Number of steps T of the output. */
      readonly steps: number;
    } & Pick<LIFSequenceAttrs, 'tauSynInv' | 'tauMemInv' | 'vLeak' | 'vTh' | 'vReset' | 'dt'>;
  };
  /**
   * Reverse-time gradient of LIFSequence, the reset detached or not as `detachReset` says. With
   * a = dt*tauMemInv, b = dt*tauSynInv, s = surrogate'(vDecayed[t] - vTh), from t = T-1 down to 0 with
   * gv = gi = 0 after the last step:
   *   Gv = dv[t] + gv;  Gi = di[t] + gi;
   *   gvd = Gv*((1 - z[t]) + (detachReset ? 0 : (vReset - vDecayed[t])*s)) + dz[t]*s;
   *   dx[t] = Gi;  gv = gvd*(1 - a);  gi = gvd*a + Gi*(1 - b);   dv0 = gv, di0 = gi after t = 0.
   * Inputs: the forward's x-independent saved outputs z and vDecayed, and the upstream gradients dz,
   * dv, di ([T, ...n]; zeros where unused). Returns [dx, dv0, di0].
   */
  LIFSequenceGrad: {
    /** The forward's z and vDecayed, and the upstream gradients dz, dv, di, each [T, ...n]. */
    inputs: Inputs<'z' | 'vDecayed' | 'dz' | 'dv' | 'di'>;
    /** The forward's attributes (the surrogate and detachReset matter here). */
    attrs: LIFSequenceAttrs;
  };
  /**
   * Norse's LIFRecurrentCell over all T steps: x [T, B, n] (the input currents, already projected),
   * recurrent weights w [n, n] applied as z @ w^T, state z0, v0, i0 [B, n]. Per step, as
   * lifRecurrentStep: ij = (i + x[t]) + z[t-1] @ w^T (z[-1] = z0); then LIFSequence's step from
   * (v, ij) with no input: vd = v + a*((vLeak - v) + ij); z = Spike(vd - vTh);
   * v = (1 - z)*vd + z*vReset; i = ij - b*ij. Returns [z, vDecayed], each [T, B, n].
   */
  LIFRecurrentSequence: {
    /**
     * x: the projected input currents [T, B, n]; w: the recurrent weights [n, n]; z0, v0, i0: the
     * state before the first step [B, n] (Norse's LIFState z, v, i).
     */
    inputs: Inputs<'x' | 'w' | 'z0' | 'v0' | 'i0'>;
    /** The neuron's parameters (scalars), dt and the gradient options, as LIFSequence's. */
    attrs: LIFSequenceAttrs;
  };
  /**
   * Reverse-time gradient of LIFRecurrentSequence from its saved z and vDecayed, the upstream dz
   * [T, B, n] and w. From t = T-1 down to 0, gz = gv = gi = 0 after the last step, with keep and s of
   * LIFSequenceGrad: gvd = gv*keep + (dz[t] + gz)*s; gv = gvd*(1 - a); gi = gvd*a + gi*(1 - b);
   * dx[t] = gi; gz = dx[t] @ w. Returns [dx, dz0, dv0, di0]: dx [T, B, n] (also the gradient of the
   * recurrent product's output, from which the caller forms dw), dz0 = dx[0] @ w, and gv, gi after t = 0.
   */
  LIFRecurrentSequenceGrad: {
    /** The forward's z and vDecayed [T, B, n], the upstream gradient dz of z [T, B, n] and w [n, n]. */
    inputs: Inputs<'z' | 'vDecayed' | 'dz' | 'w'>;
    /** The forward's attributes (the surrogate and detachReset matter here). */
    attrs: LIFSequenceAttrs;
  };
  /**
   * Norse's li_feed_forward_step over T steps (the input jumps the current first, as in Norse):
   * j = i + x[t]; v' = v + dt*tauMemInv*((vLeak - v) + j); i' = j - dt*tauSynInv*j.
   * Returns [v, i], each [T, ...n].
   */
  LISequence: {
    /** x: the input current of every step [T, ...n]; v0, i0: the state before the first step [...n]. */
    inputs: Inputs<'x' | 'v0' | 'i0'>;
    /** Norse's `LIParameters` (scalars) and dt. */
    attrs: {
      /** 1 / synaptic time constant, in 1/s (Norse `tau_syn_inv`, default 200). */
      readonly tauSynInv: number;
      /** 1 / membrane time constant, in 1/s (Norse `tau_mem_inv`, default 100). */
      readonly tauMemInv: number;
      /** Leak (resting) potential (Norse `v_leak`, default 0). */
      readonly vLeak: number;
      /** Integration step, in s (default 0.001). */
      readonly dt: number;
    };
  };
  /** Reverse-time gradient of LISequence: upstream dv, di [T, ...n] -> [dx, dv0, di0]. */
  LISequenceGrad: {
    /** The upstream gradients of the forward's v and i outputs, each [T, ...n]. */
    inputs: Inputs<'dv' | 'di'>;
    /** The forward's attributes. */
    attrs: {
      /** 1 / synaptic time constant, in 1/s (Norse `tau_syn_inv`, default 200). */
      readonly tauSynInv: number;
      /** 1 / membrane time constant, in 1/s (Norse `tau_mem_inv`, default 100). */
      readonly tauMemInv: number;
      /** Leak (resting) potential (Norse `v_leak`, default 0). */
      readonly vLeak: number;
      /** Integration step, in s (default 0.001). */
      readonly dt: number;
    };
  };
  /**
   * Bernoulli spikes over `steps` steps (rate and Poisson encoders): float32 [steps, ...p.shape], element
   * i = 1 where u_i < p[i % p.size] and 0 otherwise, u_i element i of RandomUniform with the same seed
   * and offset and shape [steps, ...p.shape] (so it equals Cast(Less(RandomUniform, p)), bit for bit).
   */
  RandomBernoulli: {
    /** p: the firing probability of each element of one step. */
    inputs: Inputs<'p'>;
    /** The kernel's attributes. */
    attrs: {
      /** Number of steps T (the output's leading dim). */
      readonly steps: number;
      /** Philox key, a non-negative integer below 2^53 (as RandomUniform's). */
      readonly seed: number;
      /** First Philox counter, in blocks of four values (as RandomUniform's). */
      readonly offset: number;
    };
  };
  /**
   * snnTorch's Leaky (core's leakyStep) over `steps` steps, forward only: no gradient rule, so core
   * runs it only where no gradient is recorded (inference) and the step loop otherwise. x [T, ...n],
   * or [1, ...n] presented at every step (snnTorch's direct input); mem0 [...n]; beta and threshold
   * one value each (shape [] or [1]). With b = clip(beta, 0, 1), m the previous membrane and
   * r = H(m - threshold): subtract: m' = (m*b + x[t]) - r*threshold; zero: m' = ((1 - r)*m)*b + x[t];
   * none: m' = m*b + x[t]; spk = H(m' - threshold) (H(u) = 1 where u > 0). With resetDelay false
   * (and a reset) then d = spk - r and m' -= d*threshold (subtract) or m' -= d*m' (zero).
   * Returns [spk, mem], each [steps, ...n], mem the membrane after each step.
   */
  LeakySequence: {
    /** x: input currents; mem0: membrane before step 0; beta, threshold: one value each. */
    inputs: Inputs<'x' | 'mem0' | 'beta' | 'threshold'>;
    /** The kernel's attributes. */
    attrs: {
      /** Number of steps T (x holds T steps, or one step used at every step). */
      readonly steps: number;
      /** snnTorch's reset_mechanism. */
      readonly resetMechanism: 'subtract' | 'zero' | 'none';
      /** snnTorch's reset_delay: true resets on the step after a spike. */
      readonly resetDelay: boolean;
    };
  };
  /**
   * PyTorch Adam (L2 weight decay added to the gradient, no amsgrad), step already incremented:
   * g = grad + weightDecay*param; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
   * param -= lr * (m / (1 - b1^step)) / (sqrt(v / (1 - b2^step)) + eps). Returns [param, m, v].
   */
  AdamUpdate: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'param' | 'grad' | 'm' | 'v'>;
    /** The kernel's attributes. */
    attrs: {
      /** Learning rate. */
      readonly lr: number;
      /** Decay rate of the gradient's running mean. */
      readonly beta1: number;
      /** Decay rate of the squared gradient's running mean. */
      readonly beta2: number;
      /** Added to the denominator for numerical stability. */
      readonly eps: number;
      /** L2 penalty added to the gradient. */
      readonly weightDecay: number;
      /** The update number (1 for the first), for bias correction. */
      readonly step: number;
    };
  };
  /**
   * PyTorch SGD: g = grad + weightDecay*param; buf = momentum*buf + (1 - dampening)*g (buf = g on the
   * first step, signalled by firstStep); g = nesterov ? g + momentum*buf : buf (when momentum > 0);
   * param -= lr * g. Returns [param, buf].
   */
  SGDUpdate: {
    /** The kernel's input tensors, by name. */
    inputs: Inputs<'param' | 'grad' | 'buf'>;
    /** The kernel's attributes. */
    attrs: {
      /** Learning rate. */
      readonly lr: number;
      /** Momentum factor (0: plain SGD). */
      readonly momentum: number;
      /** Dampening of the momentum. */
      readonly dampening: number;
      /** Nesterov momentum. */
      readonly nesterov: boolean;
      /** L2 penalty added to the gradient. */
      readonly weightDecay: number;
      /** Whether this is the first update (the buffer then starts as the gradient, as in PyTorch). */
      readonly firstStep: boolean;
    };
  };
}

/** Every kernel's inputs and attrs: the required kernels and the optional ones. */
export interface KernelSignatures extends RequiredKernels, OptionalKernels {}
/** The name of any kernel ('Add', 'MatMul', 'LIFSequence', ...). */
export type KernelName = keyof KernelSignatures;
/** The name of a kernel every backend must implement. */
export type RequiredKernelName = keyof RequiredKernels;
/** The name of a kernel a backend may implement (core decomposes it otherwise). */
export type OptionalKernelName = keyof OptionalKernels;

/** Kernel K's input tensors, by name. */
export type KernelInputs<K extends KernelName> = KernelSignatures[K]['inputs'];
/** Kernel K's attributes (numbers, shapes, flags). */
export type KernelAttrs<K extends KernelName> = KernelSignatures[K]['attrs'];

/** A backend's implementation of one kernel. Multi-output kernels return an array, in the documented order. */
export type KernelFunction<K extends KernelName> = (
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
) => TensorInfo | TensorInfo[];

/** A backend's kernels by name: every required kernel and any optional ones it implements. */
export type KernelTable = { readonly [K in KernelName]?: KernelFunction<K> };

/** The names of the kernels every backend must implement (running one a backend lacks throws a BackendError). */
export const REQUIRED_KERNELS: readonly RequiredKernelName[] = [
  'Add',
  'Mul',
  'Div',
  'Pow',
  'Maximum',
  'Equal',
  'Greater',
  'Exp',
  'Log',
  'Sqrt',
  'Sign',
  'Floor',
  'Tanh',
  'Where',
  'Cast',
  'Sum',
  'Max',
  'ArgMax',
  'MatMul',
  'Transpose',
  'Slice',
  'Concat',
  'Pad',
  'BroadcastTo',
  'RandomUniform',
];

/**
 * Kernels that apply the surrogate named in their `surrogate` attr. The engine runs them natively
 * only when the backend's `supportsSurrogate(name)` says so, and core's decomposition otherwise.
 * (LIFSequence carries the attr too, for its gradient, but its forward does not use it.)
 */
export const SURROGATE_KERNELS: readonly OptionalKernelName[] = [
  'SpikeGrad',
  'LIFSequenceGrad',
  'LIFRecurrentSequenceGrad',
];

/** The names of the optional kernels: a backend may implement any of them; core decomposes the others. */
export const OPTIONAL_KERNELS: readonly OptionalKernelName[] = [
  'Sub',
  'Minimum',
  'NotEqual',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'LogicalAnd',
  'Neg',
  'Abs',
  'Reciprocal',
  'Spike',
  'OneHot',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'MaxPool',
  'MaxPoolGrad',
  'LogSoftmax',
  'SpikeGrad',
  'SpikeMatMul',
  'LIFSequence',
  'LIFSequenceGrad',
  'LIFSpikesFromState',
  'LIFRecurrentSequence',
  'LIFRecurrentSequenceGrad',
  'LISequence',
  'LISequenceGrad',
  'LeakySequence',
  'RandomBernoulli',
  'AdamUpdate',
  'SGDUpdate',
];
