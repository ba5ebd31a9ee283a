import type { BackendFactory, KernelBackend } from '../backend/kernel-backend.js';
import type { KernelAttrs, KernelName, OptionalKernelName } from '../kernels/kernel-signatures.js';
import { Tensor } from '../tensor/tensor.js';
import { ENGINE, type MemoryInfo } from './engine.js';
import type { Decomposition, GradRule, KernelOutput, KernelTensors } from './kernel-types.js';

/*
 * The engine's public functions. Everything goes through the one ENGINE of this module instance.
 */

/** Runs fn and frees every tensor it made except those it returns (Tensors, arrays/objects of them) and kept ones. */
export function tidy<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/** Keeps a tensor alive past the enclosing tidy scopes (free it with dispose()). */
export function keep<T extends Tensor>(t: T): T {
  return ENGINE.keep(t);
}

/** Disposes a tensor, or every tensor in an array or object (nested). */
export function dispose(x: Tensor | readonly unknown[] | Record<string, unknown> | null | undefined): void {
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 8) return;
    if (v instanceof Tensor) {
      ENGINE.disposeTensor(v);
      return;
    }
    if (ArrayBuffer.isView(v)) return;
    for (const item of Array.isArray(v) ? v : Object.values(v)) visit(item, depth + 1);
  };
  visit(x, 0);
}

/** Live tensors, data buffers and bytes (engine counts; cached scalar constants are reported apart). */
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

/**
 * Starts a new peak measurement: `memory().peakBytes` is then the highest byte count reached from the
 * bytes live now (as PyTorch's `torch.cuda.reset_peak_memory_stats`).
 */
export function resetPeakMemory(): void {
  ENGINE.resetPeakMemory();
}

/** Runs fn without recording gradients. */
export function noGrad<T>(fn: () => T): T {
  return ENGINE.noGrad(fn);
}

/** Same data, but no gradient flows back through the result. */
export function detach(x: Tensor): Tensor {
  return ENGINE.detach(x);
}

/** Low level: runs a kernel by name (native, or core's decomposition), recording the tape. */
export function runKernel<K extends KernelName>(
  name: K,
  inputs: KernelTensors<K>,
  attrs: KernelAttrs<K>,
): KernelOutput<K> {
  return ENGINE.runKernel(name, inputs, attrs);
}

/** Registers (or replaces) the gradient rule of a kernel. */
export function registerGradient<K extends KernelName>(rule: GradRule<K>): void {
  ENGINE.registerGradient(rule as unknown as GradRule);
}

/** The gradient rule registered for a kernel, if any. */
export function getGradient(name: KernelName): GradRule | undefined {
  return ENGINE.getGradient(name);
}

/** Registers (or replaces) core's decomposition of an optional kernel into other kernels. */
export function registerDecomposition<K extends OptionalKernelName>(name: K, fn: Decomposition<K>): void {
  ENGINE.registerDecomposition(name, fn);
}

/** Core's decomposition of an optional kernel, if any. */
export function getDecomposition<K extends OptionalKernelName>(name: K): Decomposition<K> | undefined {
  return ENGINE.getDecomposition(name);
}

// ---- backends -----------------------------------------------------------------------------------

/**
 * Registers a backend factory. The highest priority backend that starts becomes active (the
 * reference backend is registered at priority 0). Replaces a backend of the same name.
 *
 * @param name - The name `setBackend(name)` selects it by.
 * @param factory - Makes the backend (may be async); throwing means it cannot start here.
 * @param priority - Higher wins when no backend was chosen by name; default 1.
 * @example
 * ```ts
 * import { registerTfjsBackends } from '@snn/backend-tfjs';
 * import { ready } from '@snn/core';
 * registerTfjsBackends(); // or: registerBackend('mine', () => new MyBackend(), 3)
 * await ready(); // the best backend that starts is active
 * ```
 */
export function registerBackend(name: string, factory: BackendFactory, priority = 1): void {
  ENGINE.registry.register(name, factory, priority);
}

/** Starts (if needed) and activates a backend by name. */
export function setBackend(name: string): Promise<void> {
  return ENGINE.registry.set(name);
}

/** Resolves once a backend is active: the best one that starts, trying the next on failure. */
export function ready(): Promise<void> {
  return ENGINE.registry.ready();
}

/** The active backend (resolving it synchronously if none was chosen yet). */
export function getBackend(): KernelBackend {
  return ENGINE.backend();
}

/** The registration name of the active backend. */
export function backendName(): string {
  return ENGINE.registry.activeName();
}

/** Registered backend names, best priority first. */
export function listBackends(): string[] {
  return ENGINE.registry.list();
}

/** Stops a backend and removes it from the registry. */
export function removeBackend(name: string): void {
  ENGINE.registry.remove(name);
}

/** Whether the active backend implements a kernel natively (else core uses its decomposition). */
export function hasKernel(name: KernelName): boolean {
  return ENGINE.hasKernel(name);
}
