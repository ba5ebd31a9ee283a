import { ArgumentError } from '../errors.js';
import { add, div, mul, sub, zeros } from '../ops/index.js';
import type { Tensor } from '../tensor/tensor.js';
import { type LeakyParameters, resetSignal, resolveLeaky } from './leaky.js';
import { checkParam, type Param, scaleParam } from './param.js';

/*
 * snnTorch's Lapicque neuron (snntorch/_neurons/lapicque.py, snnTorch 0.9.4): Lapicque's RC membrane
 * integrated with a forward-Euler step of time_step (not the exponential decay: the beta snnTorch
 * derives from R and C is stored but unused by the update). Fires on mem - threshold > 0; the reset
 * comes from the previous membrane, detached, as in Leaky.
 */

/** snnTorch `Lapicque(beta=False, R=False, C=False, time_step=1, threshold=1.0, ...)`: give R and C, or beta and at most one of them. */
export interface LapicqueOptions extends Omit<LeakyParameters, 'resetDelay' | 'beta'> {
  /** Membrane decay per step, exp(-timeStep / (R C)); stored, not used by the update. */
  beta?: number;
  /** Membrane resistance. */
  R?: number;
  /** Membrane capacitance (R C is the time constant, in the unit of timeStep). */
  C?: number;
  /** Euler step, default 1 (snnTorch's time_step). */
  timeStep?: number;
}

/** The resolved RC parameters snnTorch keeps (R, C, the derived beta and time_step); R and C may be tensors. */
export interface LapicqueParameters extends Omit<LeakyParameters, 'resetDelay' | 'beta'> {
  /** Membrane resistance. */
  R: Param;
  /** Membrane capacitance. */
  C: Param;
  /** The derived decay per step (kept as snnTorch keeps it; the update uses R and C). */
  beta: Param;
  /** Euler step, in the unit of R C. */
  timeStep: Param;
}

/**
 * snnTorch's `_lapicque_cases`: R and C give beta = exp(-timeStep/(R*C)); beta alone takes R = 1 and
 * C = timeStep/(R*log(1/beta)); beta with R gives C, beta with C gives R. Anything else is an error.
 *
 * @param o - R and C (beta derived), or beta with at most one of R and C; timeStep (default 1, in the
 *   unit of R C), threshold (default 1), spikeGrad, resetMechanism (default `'subtract'`).
 * @example
 * ```ts
 * // snnTorch: snn.Lapicque(R=5.1, C=5e-3, time_step=1e-3)
 * const p = lapicqueParameters({ R: 5.1, C: 5e-3, timeStep: 1e-3 });
 * console.log(p.beta); // exp(-1e-3 / (5.1 * 5e-3)) ~ 0.9616
 * ```
 */
export function lapicqueParameters(o: LapicqueOptions): LapicqueParameters & {
  /** Membrane resistance (snnTorch `R`). */
  R: number;
  /** Membrane capacitance (snnTorch `C`). */
  C: number;
  /** Decay per step, exp(-timeStep / (R C)) (snnTorch `beta`). */
  beta: number;
  /** Euler step, in the unit of R C (snnTorch `time_step`, default 1). */
  timeStep: number;
} {
  const timeStep = o.timeStep ?? 1;
  const given = (v: number | undefined) => v !== undefined && v !== 0;
  let { R, C, beta } = o;
  if (!given(beta)) {
    if (!given(R) || !given(C)) {
      throw new ArgumentError('Lapicque: give either beta, or R and C (snnTorch: "2 of beta, R and C")');
    }
    beta = Math.exp(-timeStep / (R! * C!));
  } else if (!given(R) && !given(C)) {
    R = 1;
    C = timeStep / (R * Math.log(1 / beta!));
  } else if (!given(C)) {
    C = timeStep / (R! * Math.log(1 / beta!));
  } else if (!given(R)) {
    R = timeStep / (C! * Math.log(1 / beta!));
  }
  if (!(timeStep > 0) || !(R! > 0) || !(C! > 0)) {
    throw new ArgumentError(
      `Lapicque: R, C and timeStep must be > 0, got R ${R}, C ${C}, timeStep ${timeStep}`,
    );
  }
  const { R: _r, C: _c, beta: _b, timeStep: _t, ...rest } = o;
  return { ...rest, R: R!, C: C!, beta: beta!, timeStep };
}

/**
 * One step of snnTorch `Lapicque`, with reset = H(mem - threshold) of the previous membrane (detached):
 *   base = input*R*(1/(R*C))*timeStep + (1 - timeStep/(R*C))*mem;
 *   subtract (default): mem' = base - reset*threshold;  zero: base - reset*base;  none: base.
 * spk = H(mem' - threshold). `mem` null starts at zeros. Returns [spk, mem'].
 *
 * @param input - The step's input current, any shape.
 * @param mem - The membrane before the step; null starts at zeros.
 * @param p - lapicqueParameters' result.
 * @example
 * ```ts
 * const p = lapicqueParameters({ R: 5.1, C: 5e-3, timeStep: 1e-3 });
 * let mem: Tensor | null = null;
 * for (let t = 0; t < 100; t++) {
 *   const [spk, next] = lapicqueStep(tensor([0.5]), mem, p); // charges towards R * input = 2.55, fires at 1
 *   mem = next;
 * }
 * ```
 */
export function lapicqueStep(input: Tensor, mem: Tensor | null, p: LapicqueParameters): [Tensor, Tensor] {
  const fn = 'lapicqueStep';
  const { threshold, spikeFn, reset } = resolveLeaky(fn, p);
  const m = mem ?? zeros(input.shape);
  const r = resetSignal(m, threshold);
  checkParam(fn, 'R', p.R);
  checkParam(fn, 'C', p.C);
  const rc = scaleParam(p.R, p.C);
  // snnTorch's input*R*(1/(R*C))*time_step + (1 - time_step/(R*C))*mem; numbers fold on the host.
  const dt = p.timeStep;
  checkParam(fn, 'timeStep', dt);
  const gain =
    typeof rc === 'number' && typeof dt === 'number'
      ? (p.R as number) * (1 / rc) * dt
      : mul(div(p.R, rc), dt);
  const keep = typeof rc === 'number' && typeof dt === 'number' ? 1 - dt / rc : sub(1, div(dt, rc));
  const base = add(mul(input, gain), mul(m, keep));
  let next = base;
  if (reset === 'subtract') next = sub(base, mul(r, threshold));
  else if (reset === 'zero') next = sub(base, mul(r, base));
  return [spikeFn(sub(next, threshold)), next];
}
