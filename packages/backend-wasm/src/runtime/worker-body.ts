/*
 * The body of a compute worker, shipped as source text (Function.prototype.toString) so the package
 * needs no separate worker file, bundler plugin or build step, in Node and in browsers alike. It must
 * therefore be self-contained: no imports, no closures over module variables.
 *
 * Protocol (Int32Array `ctrl` over a SharedArrayBuffer, Float64Array `args` after it):
 *   ctrl[0] generation: bumped by the caller for each task; workers wait for it to change.
 *   ctrl[1] pending: workers still running the current task; the last one to finish notifies.
 *   ctrl[2] export index of the task (-1: exit), ctrl[3] argument count.
 *   ctrl[4] set to tid + 1 by a worker whose share threw (a wasm trap); it still counts itself done,
 *   so the caller never waits forever, and throws.
 * A worker spins briefly before it sleeps in Atomics.wait, since tasks arrive back to back.
 */
export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly tid: number;
  readonly nth: number;
  readonly stackTop: number;
  readonly names: readonly string[];
  readonly spin: number;
}

export function workerBody(
  onMessage: (handler: (msg: WorkerInit) => void) => void,
  post: (msg: unknown) => void,
): void {
  onMessage((init) => {
    try {
      const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
      const exports = instance.exports as Record<string, unknown>;
      (exports.snn_set_stack_pointer as (p: number) => void)(init.stackTop);
      const fns = init.names.map((n) => exports[n] as (...args: number[]) => void);
      const ctrl = new Int32Array(init.control, 0, 16);
      const args = new Float64Array(init.control, 64, 32);
      const { tid, nth, spin } = init;
      post({ ready: true });
      let gen = Atomics.load(ctrl, 0);
      for (;;) {
        let spins = 0;
        while (Atomics.load(ctrl, 0) === gen) {
          if (++spins > spin) Atomics.wait(ctrl, 0, gen);
        }
        gen = Atomics.load(ctrl, 0);
        const f = ctrl[2];
        if (f < 0) break;
        const fn = fns[f];
        try {
          switch (ctrl[3]) {
            case 0:
              fn(tid, nth);
              break;
            case 1:
              fn(args[0], tid, nth);
              break;
            case 2:
              fn(args[0], args[1], tid, nth);
              break;
            case 3:
              fn(args[0], args[1], args[2], tid, nth);
              break;
            case 4:
              fn(args[0], args[1], args[2], args[3], tid, nth);
              break;
            case 5:
              fn(args[0], args[1], args[2], args[3], args[4], tid, nth);
              break;
            case 6:
              fn(args[0], args[1], args[2], args[3], args[4], args[5], tid, nth);
              break;
            default: {
              const a: number[] = [];
              for (let k = 0; k < ctrl[3]; k++) a.push(args[k]);
              a.push(tid, nth);
              fn(...a);
            }
          }
        } catch (e) {
          Atomics.store(ctrl, 4, tid + 1);
          post({ taskError: String((e as Error)?.message ?? e) });
        }
        if (Atomics.sub(ctrl, 1, 1) === 1) Atomics.notify(ctrl, 1);
      }
      post({ exited: true });
    } catch (e) {
      post({ error: String((e as Error)?.stack ?? e) });
    }
  });
}
