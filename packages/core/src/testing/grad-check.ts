import { ENGINE } from '../engine/engine.js';
import type { KernelTensors } from '../engine/kernel-types.js';
import { GradientError } from '../errors.js';
import type { KernelAttrs, OptionalKernelName } from '../kernels/kernel-signatures.js';
import { formatShape } from '../kernels/shape-utils.js';
import { Tensor } from '../tensor/tensor.js';

/*
 * Finite-difference gradient checking, and fused-kernel vs decomposition agreement. Both read data
 * with `await data()`, so they run on every backend, GPU ones included.
 */

export interface GradCheckOptions {
  /** Perturbation (default 1e-2: float32 data, central differences). */
  eps?: number;
  /** Absolute tolerance (default 1e-3). */
  atol?: number;
  /** Relative tolerance (default 1e-2). */
  rtol?: number;
  /** Seed of the fixed output weighting (default 1). */
  seed?: number;
}

export interface GradCheckResult {
  /** Elements compared. */
  checked: number;
  maxAbsError: number;
  /** max |analytic - numeric| / max(|numeric|, 1e-6). */
  maxRelError: number;
}

/** Deterministic weights in [0.5, 1.5) so every output element matters and errors cannot cancel. */
function weights(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = 0.5 + s / 4294967296;
  }
  return out;
}

/**
 * Checks the gradients of `f` at `xs` against central finite differences. The scalar checked is
 * L = sum(f(xs) * r) with fixed weights r in [0.5, 1.5), accumulated in float64 on the host; the
 * analytic gradient is the engine's, seeded with dy = r. Float32 inputs only (others are skipped).
 * Throws a GradientError listing the worst mismatches; |analytic - numeric| <= atol + rtol*|numeric|.
 */
export async function checkGradients(
  f: (...xs: Tensor[]) => Tensor,
  xs: readonly Tensor[],
  options: GradCheckOptions = {},
): Promise<GradCheckResult> {
  const { eps = 1e-2, atol = 1e-3, rtol = 1e-2, seed = 1 } = options;
  const probe = ENGINE.tidy(() => f(...xs));
  const outShape = [...probe.shape];
  const outSize = probe.size;
  probe.dispose();
  const r = weights(outSize, seed);

  const loss = async (args: Tensor[]): Promise<number> => {
    const y = ENGINE.noGrad(() => ENGINE.tidy(() => f(...args)));
    const values = await y.data();
    y.dispose();
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i] * r[i];
    return total;
  };

  const dy = ENGINE.makeTensor(Float32Array.from(r), outShape, 'float32');
  const { value, grads } = ENGINE.gradients(() => f(...xs), xs, dy);
  value.dispose();
  dy.dispose();
  const analytic = await Promise.all(grads.map((g) => g.data()));
  for (const g of grads) g.dispose();

  const failures: string[] = [];
  let checked = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k];
    if (x.dtype !== 'float32') continue;
    const base = (await x.data()) as Float32Array;
    for (let i = 0; i < base.length; i++) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[i] = base[i] + eps;
      minus[i] = base[i] - eps;
      // The float32 step actually taken, not the eps asked for.
      const h = plus[i] - minus[i];
      const evalWith = async (vals: Float32Array) => {
        const xt = ENGINE.makeTensor(vals, x.shape, 'float32');
        const args = xs.map((t, j) => (j === k ? xt : t));
        try {
          return await loss(args);
        } finally {
          xt.dispose();
        }
      };
      const numeric = ((await evalWith(plus)) - (await evalWith(minus))) / h;
      const a = analytic[k][i];
      const err = Math.abs(a - numeric);
      checked++;
      maxAbsError = Math.max(maxAbsError, err);
      maxRelError = Math.max(maxRelError, err / Math.max(Math.abs(numeric), 1e-6));
      if (!(err <= atol + rtol * Math.abs(numeric))) {
        failures.push(`x${k}${formatShape(x.shape)}[${i}]: analytic ${a}, numeric ${numeric.toPrecision(7)}`);
      }
    }
  }
  if (failures.length > 0) {
    throw new GradientError(
      `checkGradients: ${failures.length} of ${checked} gradient elements differ from finite differences (eps ${eps}, atol ${atol}, rtol ${rtol}):\n  ${failures.slice(0, 8).join('\n  ')}`,
    );
  }
  return { checked, maxAbsError, maxRelError };
}

export interface DecompositionCheck {
  /** Whether the active backend has the kernel natively (false: nothing to compare). */
  native: boolean;
  maxAbsDiff: number;
}

/**
 * Runs an optional kernel natively on the active backend and through core's decomposition and
 * checks every output agrees: |native - decomposed| <= atol + rtol*|decomposed|. Throws on mismatch.
 * Backends run it for each optional kernel they implement.
 */
export async function checkDecomposition<K extends OptionalKernelName>(
  kernelName: K,
  inputs: KernelTensors<K>,
  attrs: KernelAttrs<K>,
  options: { atol?: number; rtol?: number } = {},
): Promise<DecompositionCheck> {
  const { atol = 1e-5, rtol = 1e-4 } = options;
  const decomposition = ENGINE.getDecomposition(kernelName);
  if (decomposition === undefined) {
    throw new GradientError(`checkDecomposition: core has no decomposition of ${kernelName} registered`);
  }
  if (!ENGINE.hasKernel(kernelName)) return { native: false, maxAbsDiff: 0 };
  const toList = (out: Tensor | Tensor[]) => (out instanceof Tensor ? [out] : out);
  const native = toList(
    ENGINE.noGrad(() => ENGINE.runKernel(kernelName, inputs, attrs)) as Tensor | Tensor[],
  );
  const given = Object.values(inputs as Record<string, Tensor | Tensor[]>).flat();
  // A decomposition may return an input unchanged (SGD's buffer without momentum): own a handle.
  const decomposed = toList(
    ENGINE.noGrad(() => ENGINE.tidy(() => decomposition(inputs, attrs)) as Tensor | Tensor[]),
  ).map((t) => (given.includes(t) ? t.clone() : t));
  try {
    if (native.length !== decomposed.length) {
      throw new GradientError(
        `checkDecomposition(${kernelName}): native kernel returned ${native.length} outputs, decomposition ${decomposed.length}`,
      );
    }
    let maxAbsDiff = 0;
    for (let o = 0; o < native.length; o++) {
      if (native[o].shape.join() !== decomposed[o].shape.join() || native[o].dtype !== decomposed[o].dtype) {
        throw new GradientError(
          `checkDecomposition(${kernelName}): output ${o} is ${formatShape(native[o].shape)} ${native[o].dtype} natively but ${formatShape(decomposed[o].shape)} ${decomposed[o].dtype} decomposed`,
        );
      }
      const [a, b] = await Promise.all([native[o].data(), decomposed[o].data()]);
      for (let i = 0; i < a.length; i++) {
        const diff = Math.abs(a[i] - b[i]);
        const same = a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i]));
        if (!same) maxAbsDiff = Math.max(maxAbsDiff, diff);
        if (!same && !(diff <= atol + rtol * Math.abs(b[i]))) {
          throw new GradientError(
            `checkDecomposition(${kernelName}): output ${o} element ${i} is ${a[i]} natively but ${b[i]} decomposed (atol ${atol}, rtol ${rtol})`,
          );
        }
      }
    }
    return { native: true, maxAbsDiff };
  } finally {
    for (const t of [...native, ...decomposed]) t.dispose();
  }
}
