import { BackendError } from '@snn/core';
import { type WorkerInit, workerBody } from './worker-body.js';

/** What the pool needs from its environment: how to start a worker running `source`. */
interface WorkerHandle {
  post(msg: unknown): void;
  onMessage(handler: (msg: unknown) => void): void;
  terminate(): void;
}

type Spawner = (source: string) => WorkerHandle;

const CTRL_GEN = 0;
const CTRL_PENDING = 1;
const CTRL_FN = 2;
const CTRL_NARGS = 3;
const CTRL_FAILED = 4;
const MAX_ARGS = 32;

/** Node's worker_threads, imported lazily so browsers never see the specifier. */
async function nodeSpawner(): Promise<Spawner> {
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(
    /* webpackIgnore: true */ /* @vite-ignore */ specifier
  )) as typeof import('node:worker_threads');
  return (body) => {
    const source = `const p = require('node:worker_threads').parentPort;\n(${body})((h) => p.on('message', h), (m) => p.postMessage(m));`;
    const w = new Worker(source, { eval: true });
    w.unref();
    return {
      post: (m) => w.postMessage(m),
      onMessage: (h) => {
        w.on('message', h);
        w.on('error', (e) => h({ error: String(e?.stack ?? e) }));
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
      terminate: () => w.terminate(),
    };
  };
}

const isNode = () =>
  typeof process !== 'undefined' &&
  typeof (process as { versions?: { node?: string } }).versions?.node === 'string';

/**
 * Worker threads that run the module's kernels over the shared memory. `run` is synchronous: it
 * hands the task to the workers (each computes its own share, tid 1..nth-1), computes share 0 on the
 * calling thread, and waits (spinning briefly, then Atomics.wait) until every worker is done.
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
    this.#names = names;
    this.#ctrl = new Int32Array(control, 0, 16);
    this.#args = new Float64Array(control, 64, MAX_ARGS);
    this.#workers = workers;
    this.#spin = spin;
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
    const body = workerBody.toString();
    const workers: WorkerHandle[] = [];
    const ready: Promise<void>[] = [];
    for (let tid = 1; tid < options.threads; tid++) {
      const w = spawn(body);
      workers.push(w);
      ready.push(
        new Promise((resolve, reject) => {
          w.onMessage((msg) => {
            const m = msg as { ready?: boolean; error?: string };
            if (m.ready) resolve();
            else if (m.error !== undefined)
              reject(new BackendError(`backend 'wasm': worker ${tid} failed: ${m.error}`));
          });
        }),
      );
      const init: WorkerInit = {
        module: options.module,
        memory: options.memory,
        control,
        tid,
        nth: options.threads,
        stackTop: options.stackTops[tid],
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
      w.onMessage((msg) => {
        const m = msg as { error?: string };
        if (m.error !== undefined) pool.#error = m.error;
      });
    }
    return pool;
  }

  /** Runs export `fn` (index into `names`) with `args` on every thread; returns when all are done. */
  run(fn: number, args: readonly number[], direct: (...a: number[]) => void): void {
    if (!this.#alive) throw new BackendError("backend 'wasm': the thread pool was disposed");
    if (this.#error !== undefined) throw new BackendError(`backend 'wasm': a worker failed: ${this.#error}`);
    const ctrl = this.#ctrl;
    const n = args.length;
    for (let k = 0; k < n; k++) this.#args[k] = args[k];
    ctrl[CTRL_FN] = fn;
    ctrl[CTRL_NARGS] = n;
    const nth = this.#workers.length + 1;
    Atomics.store(ctrl, CTRL_PENDING, nth - 1);
    Atomics.add(ctrl, CTRL_GEN, 1);
    Atomics.notify(ctrl, CTRL_GEN);
    try {
      direct(...args, 0, nth);
    } finally {
      let spins = 0;
      for (;;) {
        const left = Atomics.load(ctrl, CTRL_PENDING);
        if (left === 0) break;
        if (++spins > this.#spin) Atomics.wait(ctrl, CTRL_PENDING, left);
      }
    }
    const failed = Atomics.exchange(ctrl, CTRL_FAILED, 0);
    if (failed !== 0) {
      throw new BackendError(
        `backend 'wasm': kernel ${this.#names[fn]} failed on worker ${failed - 1} (a wasm trap)`,
      );
    }
    if (this.#error !== undefined) throw new BackendError(`backend 'wasm': a worker failed: ${this.#error}`);
  }

  dispose(): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.#ctrl[CTRL_FN] = -1;
    Atomics.add(this.#ctrl, CTRL_GEN, 1);
    Atomics.notify(this.#ctrl, CTRL_GEN);
    for (const w of this.#workers) w.terminate();
  }
}
