import { dispose, keep, noGrad, tidy } from '../engine/api.js';
import { valueAndGrads } from '../engine/gradients-api.js';
import { add, mul, stack, sum, unstack } from '../ops/index.js';
import { tensor } from '../tensor/creation.js';
import type { Tensor } from '../tensor/tensor.js';
import { fixtureTensor, flat, type Nested } from './fixtures.js';

/*
 * Reproducing a library fixture through the public API, on whatever backend is active: a case runs
 * the model and returns its values under the fixture's output keys (nested outputs flattened with
 * '.', e.g. 'grad_params.v_th' or 'atan(alpha=2.0).grad'); `checkZooFixture` compares them with the
 * fixture (spikes exactly, everything else |a - b| <= 1e-4*max|b| + 1e-6, the fixtures' README rule)
 * and returns each key's error. Values are read with `await data()`, so GPU backends run it too.
 */

/** A fixture as stored: `{ name, library, description, params, inputs, outputs }` (structural). */
export interface ZooFixture {
  readonly name: string;
  readonly params: Record<string, unknown>;
  readonly inputs: Record<string, Nested>;
  readonly outputs: Record<string, unknown>;
}

/** One fixture and how our public API reproduces it. */
export interface ZooFixtureCase {
  /** The fixture's name (file name without .json). */
  readonly name: string;
  /** Our API that reproduces it. */
  readonly ours: string;
  /** Runs the model (sync, inside a tidy scope) and returns tensors under the fixture's flat output keys. */
  run(f: ZooFixture): Record<string, Tensor>;
  /**
   * Keys (or key prefixes ending in '.') that float32 cannot reproduce to the README rule, with the
   * relative tolerance they get instead and why (measured, never a guess).
   */
  readonly looser?: Readonly<Record<string, { readonly rtol: number; readonly why: string }>>;
}

/** The error of one output key. */
export interface FixtureKeyError {
  readonly key: string;
  /** 'spikes' compare exactly; 'values' to the README tolerance. */
  readonly kind: 'spikes' | 'values';
  /** max |a - b|. */
  readonly maxAbsError: number;
  /** max |a - b| / max |b| (0 when both are all zero). */
  readonly relError: number;
}

const SPIKE_KEYS = new Set(['z', 'spk', 'spike', 'spikes', 'forward']);

/** Fixture outputs as flat keys -> numbers (nested objects joined with '.'). */
export function flattenFixtureOutputs(outputs: Record<string, unknown>, prefix = ''): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [k, v] of Object.entries(outputs)) {
    const key = prefix + k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [kk, vv] of flattenFixtureOutputs(v as Record<string, unknown>, `${key}.`)) out.set(kk, vv);
    } else out.set(key, flat(v as Nested));
  }
  return out;
}

/**
 * Runs `c` on `f` and compares every output key of the fixture. Throws, naming the fixture, the key and
 * the worst element, on the first mismatch or on a fixture key the case does not produce.
 */
export async function checkZooFixture(c: ZooFixtureCase, f: ZooFixture): Promise<FixtureKeyError[]> {
  const want = flattenFixtureOutputs(f.outputs);
  const got = tidy(() => {
    const r = c.run(f);
    for (const t of Object.values(r)) keep(t);
    return r;
  });
  try {
    const errors: FixtureKeyError[] = [];
    const failures: string[] = [];
    for (const [key, b] of want) {
      const t = got[key];
      if (t === undefined) {
        failures.push(`${c.ours} produced no '${key}'`);
        continue;
      }
      const a = await t.data();
      if (a.length !== b.length) {
        failures.push(`'${key}': ${a.length} values, expected ${b.length}`);
        continue;
      }
      const kind = SPIKE_KEYS.has(key.split('.').pop()!) ? 'spikes' : 'values';
      let scale = 0;
      let worst = 0;
      let at = 0;
      for (let k = 0; k < b.length; k++) {
        scale = Math.max(scale, Math.abs(b[k]));
        const e = Math.abs(a[k] - b[k]);
        if (!(e <= worst)) {
          worst = e;
          at = k;
        }
      }
      const loose = Object.entries(c.looser ?? {}).find(
        ([k]) => key === k || (k.endsWith('.') && key.startsWith(k)),
      );
      const tol = kind === 'spikes' ? 0 : (loose?.[1].rtol ?? 1e-4) * scale + 1e-6;
      if (!(worst <= tol)) {
        failures.push(
          `'${key}' (${kind}): max error ${worst} at flat index ${at} (got ${a[at]}, want ${b[at]}) > tolerance ${tol}`,
        );
      }
      errors.push({ key, kind, maxAbsError: worst, relError: scale > 0 ? worst / scale : worst });
    }
    if (failures.length > 0) throw new Error(`${f.name} (${c.ours}):\n  ${failures.join('\n  ')}`);
    return errors;
  } finally {
    dispose(got);
  }
}

/** A fixture input as a tensor. */
export function input(f: ZooFixture, key: string): Tensor {
  return fixtureTensor(f.inputs[key]);
}

/** A fixture parameter as a number (throws if it is not one). */
export function num(f: ZooFixture, key: string, from: Record<string, unknown> = f.params): number {
  const v = from[key];
  if (typeof v !== 'number') throw new Error(`${f.name}: params.${key} is not a number (${String(v)})`);
  return v;
}

/** Scalar tensors of the named fixture parameters (what the libraries made learnable). */
export function scalarParams(
  f: ZooFixture,
  keys: readonly string[],
  from?: Record<string, unknown>,
): Record<string, Tensor> {
  return Object.fromEntries(keys.map((k) => [k, tensor(num(f, k, from))]));
}

/**
 * Runs `step` over the time axis of x [T, ...] from `state0` and stacks what `record` picks from each
 * step's output and state: { key: [T, ...] }.
 */
export function trace<S>(
  x: Tensor,
  state0: S | null,
  step: (xt: Tensor, s: S | null) => [Tensor, S],
  record: (out: Tensor, s: S) => Record<string, Tensor>,
): Record<string, Tensor> {
  const steps: Record<string, Tensor[]> = {};
  let s = state0;
  for (const xt of unstack(x, 0)) {
    const [out, next] = step(xt, s);
    for (const [k, t] of Object.entries(record(out, next))) {
      if (!steps[k]) steps[k] = [];
      steps[k].push(t);
    }
    s = next;
  }
  return Object.fromEntries(Object.entries(steps).map(([k, ts]) => [k, stack(ts, 0)]));
}

/** How the fixtures name the loss terms and the gradients. */
export interface LossSpec {
  /** Output key the weights w1 multiply (the spikes). */
  readonly spike: string;
  /** Output key the weights w2 multiply (the membrane). */
  readonly mem: string;
  /** Gradient key of a parameter: 'grad_params.<k>' (Norse) or 'grad_<k>' (snnTorch, SpikingJelly). */
  readonly gradKey: (param: string) => string;
}

export const NORSE_LOSS: LossSpec = { spike: 'z', mem: 'v', gradKey: (k) => `grad_params.${k}` };
export const SNNTORCH_LOSS: LossSpec = { spike: 'spk', mem: 'mem', gradKey: (k) => `grad_${k}` };
export const SPIKINGJELLY_LOSS: LossSpec = { spike: 'spike', mem: 'v', gradKey: (k) => `grad_${k}` };

/**
 * The fixtures' loss, sum over t, b, n of (w1*spikes + w2*membrane), with the traced values, the loss
 * and its gradients with respect to x ('grad_x') and to every tensor in `params`. `simulate` is run
 * twice: once for the values (no tape), once under the gradient.
 */
export function withLoss(
  f: ZooFixture,
  spec: LossSpec,
  params: Record<string, Tensor>,
  simulate: (x: Tensor) => Record<string, Tensor>,
): Record<string, Tensor> {
  const x = input(f, 'x');
  const w1 = input(f, 'w1');
  const w2 = input(f, 'w2');
  const values = noGrad(() => simulate(x));
  const names = Object.keys(params);
  const { value, grads } = valueAndGrads(() => {
    const r = simulate(x);
    return sum(add(mul(r[spec.spike], w1), mul(r[spec.mem], w2)));
  }, [x, ...names.map((k) => params[k])]);
  const out: Record<string, Tensor> = { ...values, loss: value, grad_x: grads[0] };
  names.forEach((k, j) => {
    out[spec.gradKey(k)] = grads[j + 1];
  });
  return out;
}
