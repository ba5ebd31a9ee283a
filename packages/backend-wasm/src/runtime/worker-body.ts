/*
 * The body of a compute worker, shipped as source text (Function.prototype.toString) so the package
 * needs no separate worker file, bundler plugin or build step, in Node and in browsers alike. It must
 * therefore be self-contained: no imports, no closures over module variables.
 *
 * Protocol (Int32Array `ctrl` over a SharedArrayBuffer, Float64Array `args` after it):
 *   ctrl[GEN]     bumped by the caller for each task; idle workers wait for it to change.
 *   ctrl[NEXT]    the next part to take (Atomics.add); parked at a huge value between tasks.
 *   ctrl[PARTS]   parts of the current task; ctrl[DONE] parts finished (the last one notifies).
 *   ctrl[FN]      export index of the task; ctrl[NARGS] its argument count (args before the part).
 *   ctrl[FAILED]  set to slot + 1 by a thread whose part threw (a wasm trap); the part still counts
 *                 as done, so the caller never waits forever, and throws.
 *   ctrl[EXIT]    1: leave the loop.
 * A thread reads a task's export and arguments only after it took one of its parts, and the caller
 * writes them only while no part is left to take, so a worker that wakes late never sees a torn task.
 */
export const CTRL = { GEN: 0, NEXT: 1, PARTS: 2, DONE: 3, FN: 4, NARGS: 5, FAILED: 6, EXIT: 7 } as const;
/** NEXT between tasks: far above any part count, so a late Atomics.add takes nothing. */
export const PARKED = 1 << 30;

export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
  readonly slot: number;
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
      const GEN = 0;
      const NEXT = 1;
      const PARTS = 2;
      const DONE = 3;
      const FN = 4;
      const NARGS = 5;
      const FAILED = 6;
      const EXIT = 7;
      const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
      const exports = instance.exports as Record<string, unknown>;
      (exports.snn_set_stack_pointer as (p: number) => void)(init.stackTop);
      (exports.snn_set_slot as (s: number) => void)(init.slot);
      const fns = init.names.map((n) => exports[n] as (...args: number[]) => void);
      const ctrl = new Int32Array(init.control, 0, 16);
      const args = new Float64Array(init.control, 64, 32);
      const { slot, spin } = init;
      post({ ready: true });
      let gen = Atomics.load(ctrl, GEN);
      for (;;) {
        let spins = 0;
        while (Atomics.load(ctrl, GEN) === gen) {
          if (++spins > spin) Atomics.wait(ctrl, GEN, gen);
        }
        gen = Atomics.load(ctrl, GEN);
        if (Atomics.load(ctrl, EXIT) !== 0) break;
        for (;;) {
          const part = Atomics.add(ctrl, NEXT, 1);
          const parts = Atomics.load(ctrl, PARTS);
          if (part >= parts) break;
          const fn = fns[ctrl[FN]];
          try {
            switch (ctrl[NARGS]) {
              case 3:
                fn(args[0], args[1], args[2], part, parts);
                break;
              case 4:
                fn(args[0], args[1], args[2], args[3], part, parts);
                break;
              case 5:
                fn(args[0], args[1], args[2], args[3], args[4], part, parts);
                break;
              case 6:
                fn(args[0], args[1], args[2], args[3], args[4], args[5], part, parts);
                break;
              default: {
                const a: number[] = [];
                for (let k = 0; k < ctrl[NARGS]; k++) a.push(args[k]);
                a.push(part, parts);
                fn(...a);
              }
            }
          } catch (e) {
            Atomics.store(ctrl, FAILED, slot + 1);
            post({ taskError: String((e as Error)?.message ?? e) });
          }
          if (Atomics.add(ctrl, DONE, 1) + 1 === parts) Atomics.notify(ctrl, DONE);
        }
      }
      post({ exited: true });
    } catch (e) {
      post({ error: String((e as Error)?.stack ?? e) });
    }
  });
}
