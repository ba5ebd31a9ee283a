import { SnnError } from '../errors.js';
import { VERSION } from './version.js';

/*
 * State that must exist once per program, whatever the install: the engine (backends, gradient rules,
 * decompositions, tensor bookkeeping) and the surrogate registry. A user's install can end up with two
 * copies of @snn/core (a package that pinned another version, a bundler that duplicated it); each copy
 * would otherwise hold its own engine, so a backend registered through one copy would never run the
 * ops of the other and tensors made by one would fail the other's `instanceof Tensor`. The first copy
 * loaded puts its state on a global symbol; a later copy of the same version uses that state, and a
 * later copy of another version refuses to load with an error naming both (as tfjs does for its
 * engine, but strict: engine internals are not a public interface, so versions must match exactly).
 */

const KEY = Symbol.for('@snn/core');

interface CoreGlobal {
  /** The version of the copy that created the state. */
  readonly version: string;
  /** Where that copy was loaded from (shown in the error). */
  readonly url: string;
  readonly slots: Map<string, unknown>;
}

type GlobalWithCore = typeof globalThis & { [KEY]?: CoreGlobal };

/**
 * Thrown when two copies of @snn/core of different versions are loaded into one program.
 *
 * @example
 * ```ts
 * // Loading a second copy of @snn/core of another version (a duplicated install) fails at once:
 * try {
 *   await import('@snn/core');
 * } catch (e) {
 *   if (e instanceof IncompatibleCoreError) console.log(e.message); // names both versions and locations
 * }
 * ```
 */
export class IncompatibleCoreError extends SnnError {}

let checked: CoreGlobal | undefined;

function coreGlobal(): CoreGlobal {
  if (checked !== undefined) return checked;
  const g = globalThis as GlobalWithCore;
  const here = import.meta.url;
  const existing = g[KEY];
  if (existing === undefined) {
    checked = { version: VERSION, url: here, slots: new Map() };
    Object.defineProperty(g, KEY, { value: checked, enumerable: false, configurable: true, writable: false });
    return checked;
  }
  if (existing.version !== VERSION) {
    throw new IncompatibleCoreError(
      `two copies of @snn/core of different versions were loaded into one program: ${existing.version} ` +
        `(from ${existing.url}) and ${VERSION} (from ${here}). Tensors, backends and gradients of one ` +
        'cannot be used by the other. @snn/core is a peer dependency of every @snn package: install ' +
        'one version of it (`npm ls @snn/core` shows who asks for which; align them, then `npm dedupe`).',
    );
  }
  checked = existing;
  return checked;
}

/**
 * The program-wide value of `slot`: the one the first copy of @snn/core (of this version) made, or
 * `create()`'s when this copy is the first. Throws IncompatibleCoreError when a copy of another
 * version got there first.
 */
export function sharedState<T>(slot: string, create: () => T): T {
  const slots = coreGlobal().slots;
  if (!slots.has(slot)) slots.set(slot, create());
  return slots.get(slot) as T;
}

/**
 * The version and location of the copy of @snn/core whose state this program uses.
 *
 * @example
 * ```ts
 * const { version, url } = coreInstance();
 * console.log(version === VERSION, url); // true, where that copy of @snn/core was loaded from
 * ```
 */
export function coreInstance(): {
  /** That copy's package version. */
  version: string;
  /** The URL of the module that created the shared state (`import.meta.url` of that copy). */
  url: string;
} {
  const { version, url } = coreGlobal();
  return { version, url };
}
