import { BackendError } from '@snn/core';
import { CTRL, PARKED, type WorkerInit, workerBody } from './worker-body.js';

/** What the pool needs from its environment: how to start a worker running `source`. */
interface WorkerHandle {
  post(msg: unknown): void;
  onMessage(handler: (msg: unknown) => void): void;
  /**
   * From now on the worker does not keep the program alive (Node: `unref`). Called once the pool is
   * ready: an idle pool's workers sleep in Atomics.wait, and a user's `node train.mjs` must still
   * exit when its work is done. Until then they stay referenced, so awaiting the pool's start keeps
   * the program running.
   */
  release(): void;
  terminate(): void;
}

type Spawner = (source: string) => WorkerHandle;

const MAX_ARGS = 32;

/** The program's Node flags without --input-type (which applies to its own -e code only). */
function scriptExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--input-type') k++;
    else if (!argv[k].startsWith('--input-type=')) out.push(argv[k]);
  }
  return out;
}

/** Node's worker_threads, imported lazily so browsers never see the specifier. */
async function nodeSpawner(): Promise<Spawner> {
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(
    /* webpackIgnore: true */ /* @vite-ignore */ specifier
  )) as typeof import('node:worker_threads');
  return (body) => {
    const source = `const p = require('node:worker_threads').parentPort;\n(${body})((h) => p.on('message', h), (m) => p.postMessage(m));`;
    // The source is a CommonJS script: a program run as `node --input-type=module -e ...` must not
    // pass that flag on to its workers (it would make `require` undefined there).
    const w = new Worker(source, { eval: true, execArgv: scriptExecArgv(process.execArgv) });
    let released = false;
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => {
        w.on('message', h);
        w.on('error', (e) => h({ error: String(e?.stack ?? e) }));
        // Adding a 'message' listener refs the worker again (Node 20): keep it released.
        if (released) w.unref();
      },
      release: () => {
        released = true;
        w.unref();
      },
      terminate: () => void w.terminate(),
    };
  };
}

function browserSpawner(): Spawner {
  return (body) => {
    const source = `(${body})((h) => { self.onmessage = (e) => h(e.data); }, (m) => self.postMessage(m));`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => {
        w.onmessage = (e) => h(e.data);
        w.onerror = (e) => h({ error: String(e.message) });
      },
      // A page's workers never keep anything alive.
      release: () => {},
      terminate: () => w.terminate(),
    };
  };
}

const isNode = () =>
  typeof process !== 'undefined' &&
  typeof (process as { versions?: { node?: string } }).versions?.node === 'string';

/**
 * Worker threads that run the module's kernels over the shared memory. `run` is synchronous: it
 * publishes a task of `parts` parts, then takes parts itself until none is left, then waits for the
 * parts the workers took (spinning briefly, then Atomics.wait). A worker that is slow to wake (a busy
 * machine) costs nothing: the caller has taken its parts by then.
 */
export class ThreadPool {
  readonly #ctrl: Int32Array;
  readonly #args: Float64Array;
  readonly #workers: WorkerHandle[];
  readonly #spin: number;
  readonly #names: readonly string[];
  #alive = true;
  #error: string | undefined;

  private constructor(
    control: SharedArrayBuffer,
    workers: WorkerHandle[],
    spin: number,
    names: readonly string[],
  ) {
    this.#ctrl = new Int32Array(control, 0, 16);
    this.#args = new Float64Array(control, 64, MAX_ARGS);
    this.#workers = workers;
    this.#spin = spin;
    this.#names = names;
    this.#ctrl[CTRL.NEXT] = PARKED;
  }

  /** Threads including the caller. */
  get threads(): number {
    return this.#workers.length + 1;
  }

  static async start(options: {
    module: WebAssembly.Module;
    memory: WebAssembly.Memory;
    threads: number;
    stackTops: readonly number[];
    names: readonly string[];
    spin: number;
  }): Promise<ThreadPool> {
    const spawn = isNode() ? await nodeSpawner() : browserSpawner();
    const control = new SharedArrayBuffer(64 + MAX_ARGS * 8);
    new Int32Array(control)[CTRL.NEXT] = PARKED;
    const body = workerBody.toString();
    const workers: WorkerHandle[] = [];
    const ready: Promise<void>[] = [];
    for (let slot = 1; slot < options.threads; slot++) {
      const w = spawn(body);
      workers.push(w);
      ready.push(
        new Promise((resolve, reject) => {
          w.onMessage((msg) => {
            const m = msg as { ready?: boolean; error?: string };
            if (m.ready) resolve();
            else if (m.error !== undefined) {
              reject(new BackendError(`backend 'wasm': worker ${slot} failed: ${m.error}`));
            }
          });
        }),
      );
      const init: WorkerInit = {
        module: options.module,
        memory: options.memory,
        control,
        slot,
        stackTop: options.stackTops[slot],
        names: options.names,
        spin: options.spin,
      };
      w.post(init);
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      for (const w of workers) w.terminate();
      throw e;
    }
    const pool = new ThreadPool(control, workers, options.spin, options.names);
    for (const w of workers) {
      w.release();
      w.onMessage((msg) => {
        const m = msg as { error?: string };
        if (m.error !== undefined) pool.#error = m.error;
      });
    }
    return pool;
  }

  /**
   * Runs export `fn` (index into `names`; `direct` is the caller's own instance of it) in `parts`
   * parts with `args`; returns when every part is done.
   */
  run(fn: number, args: readonly number[], parts: number, direct: (...a: number[]) => void): void {
    if (!this.#alive) throw new BackendError("backend 'wasm': the thread pool was disposed");
    if (this.#error !== undefined) throw new BackendError(`backend 'wasm': a worker failed: ${this.#error}`);
    const ctrl = this.#ctrl;
    const n = args.length;
    for (let k = 0; k < n; k++) this.#args[k] = args[k];
    ctrl[CTRL.FN] = fn;
    ctrl[CTRL.NARGS] = n;
    ctrl[CTRL.PARTS] = parts;
    ctrl[CTRL.DONE] = 0;
    Atomics.store(ctrl, CTRL.NEXT, 0);
    Atomics.add(ctrl, CTRL.GEN, 1);
    Atomics.notify(ctrl, CTRL.GEN, Math.min(parts - 1, this.#workers.length));
    const a = [...args, 0, parts];
    let failure: unknown;
    for (;;) {
      const part = Atomics.add(ctrl, CTRL.NEXT, 1);
      if (part >= parts) break;
      a[n] = part;
      try {
        direct(...a);
      } catch (e) {
        failure ??= e;
      }
      Atomics.add(ctrl, CTRL.DONE, 1);
    }
    let spins = 0;
    for (;;) {
      const done = Atomics.load(ctrl, CTRL.DONE);
      if (done >= parts) break;
      if (++spins > this.#spin) Atomics.wait(ctrl, CTRL.DONE, done);
    }
    // No part is left to take: park NEXT so the next task's arguments can be written safely.
    Atomics.store(ctrl, CTRL.NEXT, PARKED);
    if (failure !== undefined) throw failure;
    const failed = Atomics.exchange(ctrl, CTRL.FAILED, 0);
    if (failed !== 0) {
      throw new BackendError(
        `backend 'wasm': kernel ${this.#names[fn]} failed on worker ${failed - 1} (a wasm trap)`,
      );
    }
  }

  dispose(): void {
    if (!this.#alive) return;
    this.#alive = false;
    Atomics.store(this.#ctrl, CTRL.EXIT, 1);
    Atomics.add(this.#ctrl, CTRL.GEN, 1);
    Atomics.notify(this.#ctrl, CTRL.GEN);
    for (const w of this.#workers) w.terminate();
  }
}
