import { BackendError } from '../errors.js';
import type { BackendFactory, KernelBackend } from './kernel-backend.js';

/*
 * Backend registry, after onnxruntime-web: backends register a factory with a priority; the best one
 * that starts wins; when one fails to start the next is tried and every error is reported.
 */

interface Entry {
  readonly name: string;
  readonly factory: BackendFactory;
  readonly priority: number;
  instance?: KernelBackend;
  /** Set while an async factory is starting. */
  pending?: Promise<KernelBackend>;
  /** Why it could not start (kept so resolution does not retry a broken backend). */
  failure?: unknown;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function validate(name: string, backend: KernelBackend): KernelBackend {
  if (backend === null || typeof backend !== 'object') {
    throw new BackendError(`backend '${name}': its factory returned ${String(backend)}, not a KernelBackend`);
  }
  if (backend.specificationVersion !== 'v1') {
    throw new BackendError(
      `backend '${name}' implements KernelBackend specification '${String(backend.specificationVersion)}'; this @snn/core needs 'v1'`,
    );
  }
  return backend;
}

export class BackendRegistry {
  readonly #entries = new Map<string, Entry>();
  #active: Entry | undefined;
  /** Defaults (the reference backend) are registered on first use, so a user registration may replace them. */
  #installDefaults: (() => void) | undefined;

  constructor(installDefaults?: () => void) {
    this.#installDefaults = installDefaults;
  }

  #defaults(): void {
    const install = this.#installDefaults;
    if (install !== undefined) {
      this.#installDefaults = undefined;
      install();
    }
  }

  register(name: string, factory: BackendFactory, priority = 1): void {
    if (typeof factory !== 'function') {
      throw new BackendError(`registerBackend('${name}'): the factory must be a function`);
    }
    const old = this.#entries.get(name);
    if (old?.instance !== undefined && old === this.#active) {
      throw new BackendError(
        `registerBackend('${name}'): '${name}' is the active backend; setBackend() another one first`,
      );
    }
    old?.instance?.dispose?.();
    this.#entries.set(name, { name, factory, priority });
  }

  /** Names, best priority first. */
  list(): string[] {
    this.#defaults();
    return this.#sorted().map((e) => e.name);
  }

  #sorted(): Entry[] {
    return [...this.#entries.values()].sort((a, b) => b.priority - a.priority);
  }

  #entry(name: string): Entry {
    this.#defaults();
    const entry = this.#entries.get(name);
    if (entry === undefined) {
      const known = this.list();
      throw new BackendError(
        `no backend named '${name}'; registered: ${known.length === 0 ? '(none)' : known.map((n) => `'${n}'`).join(', ')}`,
      );
    }
    return entry;
  }

  /** Starts a backend (or returns its running instance). */
  async #start(entry: Entry): Promise<KernelBackend> {
    if (entry.instance !== undefined) return entry.instance;
    if (entry.pending === undefined) {
      entry.pending = (async () => validate(entry.name, await entry.factory()))();
    }
    try {
      entry.instance = await entry.pending;
      entry.failure = undefined;
      return entry.instance;
    } catch (e) {
      entry.failure = e;
      throw e;
    } finally {
      entry.pending = undefined;
    }
  }

  /** Makes `name` the active backend, starting it if needed. */
  async set(name: string): Promise<void> {
    const entry = this.#entry(name);
    try {
      await this.#start(entry);
    } catch (e) {
      throw new BackendError(`backend '${name}' failed to start: ${errorText(e)}`);
    }
    this.#active = entry;
  }

  /** Resolves the active backend: the highest priority one that starts, reporting every failure. */
  async ready(): Promise<void> {
    this.#defaults();
    if (this.#active !== undefined) return;
    const errors: string[] = [];
    for (const entry of this.#sorted()) {
      try {
        await this.#start(entry);
        this.#active = entry;
        return;
      } catch (e) {
        errors.push(`'${entry.name}' (priority ${entry.priority}): ${errorText(e)}`);
      }
    }
    throw new BackendError(this.#noneStarted(errors));
  }

  #noneStarted(errors: string[]): string {
    if (errors.length === 0) return 'no backend is registered; call registerBackend(name, factory, priority)';
    return `no backend could start; tried, best first:\n  ${errors.join('\n  ')}`;
  }

  /**
   * The active backend, resolving synchronously when no backend was chosen yet. A backend whose
   * factory is async cannot be started here: the error says to `await ready()` first.
   */
  get(): KernelBackend {
    if (this.#active?.instance !== undefined) return this.#active.instance;
    this.#defaults();
    const errors: string[] = [];
    for (const entry of this.#sorted()) {
      if (entry.instance !== undefined) {
        this.#active = entry;
        return entry.instance;
      }
      if (entry.failure !== undefined) {
        errors.push(`'${entry.name}' (priority ${entry.priority}): ${errorText(entry.failure)}`);
        continue;
      }
      if (entry.pending !== undefined) {
        throw new BackendError(
          `backend '${entry.name}' is still starting; call \`await ready()\` before creating tensors`,
        );
      }
      let made: KernelBackend | Promise<KernelBackend>;
      try {
        made = entry.factory();
      } catch (e) {
        entry.failure = e;
        errors.push(`'${entry.name}' (priority ${entry.priority}): ${errorText(e)}`);
        continue;
      }
      if (made instanceof Promise) {
        // Keep the start going so `ready()` can pick it up without calling the factory twice.
        entry.pending = made.then((b) => validate(entry.name, b));
        entry.pending.catch(() => {});
        throw new BackendError(
          `backend '${entry.name}' starts asynchronously; call \`await ready()\` (or \`await setBackend('${entry.name}')\`) before creating tensors`,
        );
      }
      try {
        entry.instance = validate(entry.name, made);
      } catch (e) {
        entry.failure = e;
        errors.push(`'${entry.name}' (priority ${entry.priority}): ${errorText(e)}`);
        continue;
      }
      this.#active = entry;
      return entry.instance;
    }
    throw new BackendError(this.#noneStarted(errors));
  }

  activeName(): string {
    this.get();
    return this.#active!.name;
  }

  /** Stops a backend and forgets it. */
  remove(name: string): void {
    const entry = this.#entry(name);
    if (entry === this.#active) this.#active = undefined;
    entry.instance?.dispose?.();
    this.#entries.delete(name);
  }
}
