import { ArgumentError } from '../errors.js';
import { sharedState } from '../global/shared-state.js';
import { BUILTIN_SURROGATES } from './builtin/index.js';
import { type SurrogateDefinition, type SurrogateSpec, surrogateDefinition } from './definition.js';
import { compileHost } from './evaluate.js';
import { compileHostArray, type HostArrayFunction } from './host-array.js';

/*
 * The open set of surrogates, by name. Kernel attrs carry only the name and alpha; backends and
 * core's decompositions look the definition up here.
 */

// One set per program: a surrogate defined through one copy of @snn/core is known to every copy.
const registry = sharedState(
  'surrogates',
  () => new Map<string, SurrogateDefinition>(BUILTIN_SURROGATES.map((d) => [d.name, d])),
);

function sameDefinition(a: SurrogateDefinition, b: SurrogateDefinition): boolean {
  return (
    a.alpha === b.alpha &&
    a.alphaAbove === b.alphaAbove &&
    JSON.stringify(a.derivative) === JSON.stringify(b.derivative) &&
    JSON.stringify(a.primitive) === JSON.stringify(b.primitive) &&
    a.ops === b.ops &&
    a.host === b.host
  );
}

/**
 * Adds a surrogate to the set every backend can run. Defining a name twice is an error unless the
 * two definitions are the same (a module evaluated twice).
 *
 * @param spec - name, alpha (default sharpness), derivative (a surrogate.expr expression) or ops, and
 *   optionally primitive, host, alphaAbove, matches.
 * @example
 * ```ts
 * const { x, alpha, exp, mul, neg, square } = surrogate.expr;
 * defineSurrogate({ name: 'gaussianDoc', alpha: 1, derivative: mul(alpha, exp(neg(square(mul(alpha, x))))) });
 * const spikeFn = surrogate.namedSpikeFunction('gaussianDoc', 2); // or method: 'gaussianDoc' in a neuron
 * ```
 */
export function defineSurrogate(spec: SurrogateSpec): SurrogateDefinition {
  const def = surrogateDefinition(spec);
  const existing = registry.get(def.name);
  if (existing !== undefined) {
    if (sameDefinition(existing, def)) return existing;
    throw new ArgumentError(`surrogate '${def.name}' is already defined with another formula`);
  }
  registry.set(def.name, def);
  return def;
}

/**
 * The definition of a surrogate, or undefined.
 *
 * @param name - The surrogate's name.
 * @example
 * ```ts
 * const def = getSurrogate('atan');
 * console.log(def?.alpha, def?.matches); // 2, the library it reproduces
 * ```
 */
export function getSurrogate(name: string): SurrogateDefinition | undefined {
  return registry.get(name);
}

/**
 * Every defined surrogate name.
 *
 * @example
 * ```ts
 * console.log(surrogateNames()); // ['superspike', 'atan', 'sigmoid', ...] and any surrogate.define added
 * ```
 */
export function surrogateNames(): string[] {
  return [...registry.keys()];
}

/**
 * The definition, or an ArgumentError naming `op` and listing the known surrogates.
 *
 * @param name - The surrogate's name.
 * @param op - The caller, named in the error.
 * @example
 * ```ts
 * const def = requireSurrogate('atan', 'myKernel'); // throws an ArgumentError listing the names if unknown
 * ```
 */
export function requireSurrogate(name: unknown, op: string): SurrogateDefinition {
  const def = typeof name === 'string' ? registry.get(name) : undefined;
  if (def === undefined) {
    throw new ArgumentError(
      `${op}: unknown surrogate '${String(name)}'; expected one of ${surrogateNames().join(', ')} (or define it with surrogate.define)`,
    );
  }
  return def;
}

/**
 * True when backends can generate the surrogate's code (it has an expression).
 *
 * @param name - The surrogate's name.
 * @example
 * ```ts
 * console.log(hasSurrogateExpression('atan')); // true: backends generate its code
 * ```
 */
export function hasSurrogateExpression(name: string): boolean {
  return registry.get(name)?.derivative !== undefined;
}

const hostCache = new Map<string, (x: number) => number>();

/**
 * The float64 host derivative x -> surrogate'(x) for one alpha (compiled from the expression, or the
 * definition's `host` formula), or undefined when the surrogate has neither (only core ops).
 *
 * @param name - The surrogate's name.
 * @param alpha - Its sharpness.
 * @example
 * ```ts
 * const d = hostSurrogate('superspike', 100);
 * console.log(d?.(0), d?.(0.01)); // 1 0.25
 * ```
 */
export function hostSurrogate(name: string, alpha: number): ((x: number) => number) | undefined {
  const key = `${name}:${alpha}`;
  const hit = hostCache.get(key);
  if (hit !== undefined) return hit;
  const def = registry.get(name);
  if (def === undefined) return undefined;
  let f: ((x: number) => number) | undefined;
  if (def.derivative !== undefined) f = compileHost(def.derivative, alpha);
  else if (def.host !== undefined) {
    const host = def.host;
    f = (x) => host(x, alpha);
  }
  if (f !== undefined && hostCache.size < 256) hostCache.set(key, f);
  return f;
}

const arrayCache = new Map<string, HostArrayFunction>();

/**
 * The host derivative over whole arrays, xs -> surrogate'(xs[k] - shift) in float64, for one alpha
 * (the reference backend's kernels), or undefined when the surrogate has no host formula.
 *
 * @param name - The surrogate's name.
 * @param alpha - Its sharpness.
 * @example
 * ```ts
 * const d = hostSurrogateArray('atan', 2);
 * console.log(d?.([0.5, 1, 1.5], 1)); // Float64Array at x = -0.5, 0, 0.5: [0.288, 1, 0.288]
 * ```
 */
export function hostSurrogateArray(name: string, alpha: number): HostArrayFunction | undefined {
  const key = `${name}:${alpha}`;
  const hit = arrayCache.get(key);
  if (hit !== undefined) return hit;
  const def = registry.get(name);
  let f: HostArrayFunction | undefined;
  if (def?.derivative !== undefined) f = compileHostArray(def.derivative, alpha);
  else if (def?.host !== undefined) {
    const host = def.host;
    f = (xs, shift = 0) => Float64Array.from(xs, (x) => host(x - shift, alpha));
  }
  if (f !== undefined && arrayCache.size < 256) arrayCache.set(key, f);
  return f;
}

/** surrogate'(x) at one point on the host (conformance expectations, tests). */
export function hostDerivative(name: string, x: number, alpha: number): number {
  requireSurrogate(name, 'hostDerivative');
  const f = hostSurrogate(name, alpha);
  if (f === undefined) {
    throw new ArgumentError(
      `hostDerivative: surrogate '${name}' is defined in core ops only (no host formula)`,
    );
  }
  return f(x);
}
