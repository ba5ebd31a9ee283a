/**
 * Base class of every error @snn/core throws for a user's mistake.
 *
 * @example
 * ```ts
 * try {
 *   add(zeros([2, 3]), zeros([4]));
 * } catch (e) {
 *   if (e instanceof SnnError) console.log(e.name, e.message); // ShapeError add: ... [2, 3] ... [4]
 * }
 * ```
 */
export class SnnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Shapes that do not fit an op; the message names the op and both shapes.
 *
 * @example
 * ```ts
 * try {
 *   matMul(zeros([2, 3]), zeros([4, 5]));
 * } catch (e) {
 *   if (e instanceof ShapeError) console.log(e.message); // names matMul and both shapes
 * }
 * ```
 */
export class ShapeError extends SnnError {}

/**
 * A tensor used after dispose; the message names the tensor.
 *
 * @example
 * ```ts
 * const x = tensor([1, 2]);
 * x.dispose();
 * try {
 *   x.dataSync();
 * } catch (e) {
 *   console.log(e instanceof DisposedTensorError); // true; the message names the tensor
 * }
 * ```
 */
export class DisposedTensorError extends SnnError {}

/**
 * No backend by that name, or none could start; the message lists what is registered and every error met.
 *
 * @example
 * ```ts
 * try {
 *   await setBackend('no-such-backend');
 * } catch (e) {
 *   if (e instanceof BackendError) console.log(e.message); // lists the registered backends
 * }
 * ```
 */
export class BackendError extends SnnError {}

/**
 * A gradient was asked through an op that has none; the message names the op.
 *
 * @example
 * ```ts
 * try {
 *   grad((x: Tensor) => cast(argMax(x), 'float32'))(tensor([[1, 2]]));
 * } catch (e) {
 *   if (e instanceof GradientError) console.log(e.message); // names the op without a gradient
 * }
 * ```
 */
export class GradientError extends SnnError {}

/**
 * An argument outside its documented range.
 *
 * @example
 * ```ts
 * try {
 *   arange(0, 1, 0);
 * } catch (e) {
 *   if (e instanceof ArgumentError) console.log(e.message); // arange: step must be finite and non-zero, got 0
 * }
 * ```
 */
export class ArgumentError extends SnnError {}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

/**
 * A backend could not allocate memory (the WebAssembly heap stops at 4 GiB, a typed array at its
 * engine's limit). `bytes` is what was asked (undefined when the platform does not say), `kernel`
 * the kernel whose result it was for: a backend throws it without the kernel, and core's engine,
 * which knows the kernel it is running, throws it again with the name.
 *
 * @example
 * ```ts
 * const e = new OutOfMemoryError(2 ** 33, 'wasm', 'MatMul', 'the heap stops at 4 GiB');
 * console.log(e.message); // out of memory: backend 'wasm' could not allocate 8.00 GiB for kernel MatMul (...)
 * ```
 */
export class OutOfMemoryError extends SnnError {
  constructor(
    /** Bytes the allocation asked for, when the backend knows. */
    readonly bytes: number | undefined,
    /** The backend that could not allocate (e.g. 'tfjs-wasm'). */
    readonly backend: string,
    /** The kernel whose result did not fit, when known. */
    readonly kernel?: string,
    /** The backend's own words (e.g. the heap limit). */
    readonly detail?: string,
  ) {
    super(
      `out of memory: backend '${backend}' could not allocate ${bytes === undefined ? 'memory' : formatBytes(bytes)}` +
        `${kernel ? ` for kernel ${kernel}` : ''}${detail ? ` (${detail})` : ''}`,
    );
  }
}

/**
 * `error` as an OutOfMemoryError naming `kernel`, when it is one: a backend's OutOfMemoryError, or
 * the RangeError a JavaScript engine throws when a typed array cannot be allocated. Else undefined.
 *
 * @param error - What a backend threw.
 * @param kernel - The kernel that was running.
 * @param backend - The backend's name.
 * @example
 * ```ts
 * // A backend author's kernel wrapper: report a failed allocation as an OutOfMemoryError
 * const run = (kernel: string, f: () => Float32Array) => {
 *   try {
 *     return f();
 *   } catch (e) {
 *     throw asOutOfMemory(e, kernel, 'mine') ?? e;
 *   }
 * };
 * ```
 */
export function asOutOfMemory(error: unknown, kernel: string, backend: string): OutOfMemoryError | undefined {
  if (error instanceof OutOfMemoryError) {
    return error.kernel ? error : new OutOfMemoryError(error.bytes, error.backend, kernel, error.detail);
  }
  if (
    error instanceof RangeError &&
    /allocation failed|Invalid (typed )?array( buffer)? length/i.test(error.message)
  ) {
    return new OutOfMemoryError(undefined, backend, kernel, error.message);
  }
  return undefined;
}
