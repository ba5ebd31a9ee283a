import { backendName, getBackend, registerBackend, setBackend } from '@snn/core';
import type { BackendChoice, BackendStatus } from '../protocol.js';

/*
 * The backends the page can train on, best first: our WebGPU kernels, then our WebAssembly kernels
 * (SIMD; threads when the page is cross-origin isolated), then TensorFlow.js's wasm backend (SIMD,
 * one thread), then core's pure-TypeScript reference backend, which always starts. `auto` starts the
 * first that starts and says, for each of the others, why it does not run.
 */
interface Candidate {
  readonly name: Exclude<BackendChoice, 'auto'>;
  readonly label: string;
  /** Registers the backend with core and returns a one-line description once it runs. */
  start(): Promise<string>;
}

const CANDIDATES: readonly Candidate[] = [
  {
    name: 'webgpu',
    label: 'WebGPU (@snn/backend-webgpu)',
    async start() {
      const { WebGPUBackend } = await import('@snn/backend-webgpu');
      registerBackend('webgpu', () => WebGPUBackend.create(), 40);
      await setBackend('webgpu');
      const backend = getBackend() as { adapterDescription?: string };
      return `adapter: ${backend.adapterDescription || 'unnamed'}`;
    },
  },
  {
    name: 'wasm',
    label: 'WebAssembly (@snn/backend-wasm: SIMD, threads)',
    async start() {
      const { registerWasmBackend } = await import('@snn/backend-wasm');
      registerWasmBackend();
      await setBackend('wasm');
      const threads = (getBackend() as { threads?: number }).threads ?? 1;
      // Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page (this worker may block).
      const why =
        threads > 1
          ? 'the page is cross-origin isolated'
          : globalThis.crossOriginIsolated
            ? 'one core'
            : 'the page is not cross-origin isolated (no SharedArrayBuffer)';
      return `SIMD, ${threads} thread${threads === 1 ? '' : 's'} (${why})`;
    },
  },
  {
    name: 'tfjs-wasm',
    label: 'WebAssembly (TensorFlow.js wasm, @snn/backend-tfjs)',
    async start() {
      // Loaded only when needed: TensorFlow.js is most of the bundle.
      const tfjs = await import('./tfjs-wasm.js');
      await tfjs.registerTfjsWasm();
      await setBackend('tfjs-wasm');
      return tfjs.tfjsWasmDetail();
    },
  },
  {
    name: 'reference',
    label: 'Reference (pure TypeScript, @snn/core)',
    async start() {
      await setBackend('reference');
      return 'always available; slow';
    },
  },
];

/** An error's message, without the advice for Node users that backend-webgpu adds. */
const message = (e: unknown) =>
  (e instanceof Error ? e.message : String(e)).replace(/ In Node, install .*?(?= In browsers,)/s, '');

/**
 * Starts the chosen backend (or, for `auto`, the best that starts) and reports every candidate.
 * Throws only when nothing at all could start.
 */
export async function chooseBackend(
  choice: BackendChoice,
): Promise<{ running: string; statuses: BackendStatus[] }> {
  const statuses: BackendStatus[] = [];
  let running: Candidate | undefined;
  const order = choice === 'auto' ? CANDIDATES : CANDIDATES.filter((c) => c.name === choice);
  for (const c of order) {
    if (running) break;
    try {
      const detail = await c.start();
      running = c;
      statuses.push({ name: c.name, label: c.label, state: 'running', detail });
    } catch (e) {
      statuses.push({ name: c.name, label: c.label, state: 'failed', detail: message(e) });
    }
  }
  for (const c of CANDIDATES) {
    if (statuses.some((s) => s.name === c.name)) continue;
    const why =
      choice === 'auto'
        ? `not started: ${running?.label ?? 'another backend'} runs and is preferred`
        : `not started: ${choice} was chosen`;
    statuses.push({ name: c.name, label: c.label, state: 'standby', detail: why });
  }
  const rank = (s: BackendStatus) => ['webgpu', 'wasm', 'tfjs-wasm', 'reference'].indexOf(s.name);
  statuses.sort((a, b) => rank(a) - rank(b));
  if (!running) {
    throw new Error(`no backend could start: ${statuses.map((s) => `${s.name}: ${s.detail}`).join('; ')}`);
  }
  return { running: backendName(), statuses };
}
