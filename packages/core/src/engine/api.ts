import type { BackendFactory, KernelBackend } from '../backend/kernel-backend.js';
import type { KernelAttrs, KernelName, OptionalKernelName } from '../kernels/kernel-signatures.js';
import { Tensor } from '../tensor/tensor.js';
import { ENGINE, type MemoryInfo } from './engine.js';
import type { Decomposition, GradRule, KernelOutput, KernelTensors } from './kernel-types.js';

/*
 * The engine's public functions. Everything goes through the one ENGINE of this module instance.
 */

/**
 * Runs fn and frees every tensor it made except those it returns (Tensors, arrays/objects of them) and kept ones.
 *
 * @param fn - Makes tensors; what it returns survives.
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]);
 * const y = tidy(() => relu(sub(mul(x, 2), 3))); // the products in between are freed here
 * console.log(y.dataSync()); // [0, 1, 3]
 * ```
 */
export function tidy<T>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/**
 * Keeps a tensor alive past the enclosing tidy scopes (free it with dispose()).
 *
 * @example
 * ```ts
 * const kept: Tensor[] = [];
 * tidy(() => {
 *   kept.push(keep(ones([4]))); // survives the tidy
 *   mul(ones([4]), 2); // freed when the tidy returns
 * });
 * dispose(kept);
 * ```
 */
export function keep<T extends Tensor>(t: T): T {
  return ENGINE.keep(t);
}

/**
 * Disposes a tensor, or every tensor in an array or object (nested).
 *
 * @param x - A tensor, or an array or object holding tensors (nested up to 8 levels).
 * @example
 * ```ts
 * const v = zeros([8, 10]);
 * const i = zeros([8, 10]);
 * dispose({ v, i }); // every tensor in the object
 * ```
 */
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

/**
 * Live tensors, data buffers and bytes (engine counts; cached scalar constants are reported apart).
 *
 * @example
 * ```ts
 * const x = ones([100]);
 * const before = memory().numTensors;
 * const y = tidy(() => add(mul(x, 2), 1)); // the product is freed, y kept
 * console.log(memory().numTensors - before, memory().numBytes); // 1 (y), the bytes of x and y
 * ```
 */
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

/**
 * Starts a new peak measurement: `memory().peakBytes` is then the highest byte count reached from the
 * bytes live now (as PyTorch's `torch.cuda.reset_peak_memory_stats`).
 *
 * @example
 * ```ts
 * resetPeakMemory();
 * tidy(() => sum(mul(ones([1000, 1000]), 2)));
 * console.log(memory().peakBytes); // ~8 MB more than before: the ones and their product (4 MB each) at once
 * ```
 */
export function resetPeakMemory(): void {
  ENGINE.resetPeakMemory();
}

/**
 * Runs fn without recording gradients.
 *
 * @param fn - Runs without recording a tape.
 * @example
 * ```ts
 * const w = variable(tensor([1, 2]));
 * const y = noGrad(() => mul(w, 2)); // evaluation: no tape recorded
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return ENGINE.noGrad(fn);
}

/**
 * Same data, but no gradient flows back through the result.
 *
 * @example
 * ```ts
 * const x = tensor([3]);
 * const g = grad((t: Tensor) => mul(t, detach(t)))(x); // d(x * const)/dx = x: [3], not 2x
 * ```
 */
export function detach(x: Tensor): Tensor {
  return ENGINE.detach(x);
}

/**
 * Low level: runs a kernel by name (native, or core's decomposition), recording the tape.
 *
 * @param name - The kernel.
 * @param inputs - Its input tensors, by name.
 * @param attrs - Its attributes.
 * @example
 * ```ts
 * const y = runKernel('Add', { a: tensor([1, 2]), b: tensor([10, 20]) }, {}); // what add() runs
 * ```
 */
export function runKernel<K extends KernelName>(
  name: K,
  inputs: KernelTensors<K>,
  attrs: KernelAttrs<K>,
): KernelOutput<K> {
  return ENGINE.runKernel(name, inputs, attrs);
}

/**
 * Registers (or replaces) the gradient rule of a kernel.
 *
 * @example
 * ```ts
 * // Replace Tanh's gradient rule, keeping its default: the rule core had before
 * const rule = getGradient('Tanh');
 * if (rule) registerGradient(rule);
 * ```
 */
export function registerGradient<K extends KernelName>(rule: GradRule<K>): void {
  ENGINE.registerGradient(rule as unknown as GradRule);
}

/**
 * The gradient rule registered for a kernel, if any.
 *
 * @example
 * ```ts
 * console.log(getGradient('Mul') !== undefined); // true: Mul is differentiable
 * ```
 */
export function getGradient(name: KernelName): GradRule | undefined {
  return ENGINE.getGradient(name);
}

/**
 * Registers (or replaces) core's decomposition of an optional kernel into other kernels.
 *
 * @example
 * ```ts
 * // Re-register core's own decomposition of an optional kernel (a backend author's fallback)
 * const d = getDecomposition('SpikeMatMul');
 * if (d) registerDecomposition('SpikeMatMul', d);
 * ```
 */
export function registerDecomposition<K extends OptionalKernelName>(name: K, fn: Decomposition<K>): void {
  ENGINE.registerDecomposition(name, fn);
}

/**
 * Core's decomposition of an optional kernel, if any.
 *
 * @example
 * ```ts
 * console.log(getDecomposition('SpikeMatMul') !== undefined); // true: it falls back to MatMul
 * ```
 */
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

/**
 * Starts (if needed) and activates a backend by name.
 *
 * @param name - A registered backend's name ('reference' is always there).
 * @example
 * ```ts
 * await setBackend('reference'); // core's own backend, always there (priority 0)
 * console.log(backendName()); // 'reference'
 * ```
 */
export function setBackend(name: string): Promise<void> {
  return ENGINE.registry.set(name);
}

/**
 * Resolves once a backend is active: the best one that starts, trying the next on failure.
 *
 * @example
 * ```ts
 * await ready(); // the best registered backend that starts is now active
 * console.log(backendName());
 * ```
 */
export function ready(): Promise<void> {
  return ENGINE.registry.ready();
}

/**
 * The active backend (resolving it synchronously if none was chosen yet).
 *
 * @example
 * ```ts
 * const b = getBackend(); // the active KernelBackend
 * console.log(b.constructor.name);
 * ```
 */
export function getBackend(): KernelBackend {
  return ENGINE.backend();
}

/**
 * The registration name of the active backend.
 *
 * @example
 * ```ts
 * await ready();
 * console.log(backendName()); // 'reference' unless a faster backend was registered
 * ```
 */
export function backendName(): string {
  return ENGINE.registry.activeName();
}

/**
 * Registered backend names, best priority first.
 *
 * @example
 * ```ts
 * console.log(listBackends()); // e.g. ['wasm', 'reference'], best priority first
 * ```
 */
export function listBackends(): string[] {
  return ENGINE.registry.list();
}

/**
 * Stops a backend and removes it from the registry.
 *
 * @example
 * ```ts
 * registerBackend('ref2', createReferenceBackend, 0);
 * removeBackend('ref2');
 * console.log(listBackends().includes('ref2')); // false
 * ```
 */
export function removeBackend(name: string): void {
  ENGINE.registry.remove(name);
}

/**
 * Whether the active backend implements a kernel natively (else core uses its decomposition).
 *
 * @param name - The kernel.
 * @example
 * ```ts
 * await ready();
 * console.log(hasKernel('LIFSequence')); // whether the backend fuses the LIF loop (else core decomposes it)
 * ```
 */
export function hasKernel(name: KernelName): boolean {
  return ENGINE.hasKernel(name);
}
