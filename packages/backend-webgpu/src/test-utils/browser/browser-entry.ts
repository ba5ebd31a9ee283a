import { type KernelBackend, OPTIONAL_KERNELS } from '@snn/core';
import { conformanceCases, runKernelCase } from '@snn/core/testing';
import { WebGPUBackend } from '../../webgpu-backend.js';

/*
 * Runs in the browser page of the smoke test: core's conformance cases on the WebGPU backend through
 * `navigator.gpu`, reporting on `window.__smoke` (read by the Playwright side).
 */
export interface SmokeReport {
  adapter: string;
  passed: number;
  failures: string[];
  dispatches: number;
}

const w = window as unknown as { __smoke?: SmokeReport | { error: string } };

async function main(): Promise<void> {
  const backend = await WebGPUBackend.create();
  const failures: string[] = [];
  let passed = 0;
  for (const c of conformanceCases) {
    if ((OPTIONAL_KERNELS as readonly string[]).includes(c.kernel) && !backend.hasKernel(c.kernel)) continue;
    try {
      await runKernelCase(backend as KernelBackend, c, 1e-5);
      passed++;
    } catch (e) {
      failures.push(String((e as Error).message ?? e));
    }
  }
  w.__smoke = { adapter: backend.adapterDescription, passed, failures, dispatches: backend.stats.dispatches };
  backend.dispose();
}

main().catch((e: unknown) => {
  w.__smoke = { error: String((e as Error)?.stack ?? e) };
});
