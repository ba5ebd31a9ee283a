import { BackendError } from '@snn/core';

/** The two builds of csrc/ shipped in wasm/: shared memory (threads) and plain memory (one thread). */
export const WASM_FILES = { threaded: 'snn-kernels.wasm', single: 'snn-kernels-st.wasm' } as const;
export type WasmVariant = keyof typeof WASM_FILES;

const compiled = new Map<WasmVariant, Promise<WebAssembly.Module>>();

const isNode = () =>
  typeof process !== 'undefined' &&
  typeof (process as { versions?: { node?: string } }).versions?.node === 'string';

async function readBytes(url: URL): Promise<ArrayBuffer | Uint8Array> {
  if (isNode() && url.protocol === 'file:') {
    const specifier = 'node:fs/promises';
    const fs = (await import(
      /* webpackIgnore: true */ /* @vite-ignore */ specifier
    )) as typeof import('node:fs/promises');
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
  return response.arrayBuffer();
}

/**
 * The compiled kernel module (compiled once per variant and process). The .wasm files sit in the
 * package's wasm/ folder, one level above both src/ and dist/, so the same relative URL works from
 * the sources (tests) and the build; bundlers see `new URL(..., import.meta.url)` and ship the asset.
 */
export function wasmModule(variant: WasmVariant, url?: URL | string): Promise<WebAssembly.Module> {
  if (url === undefined) {
    const hit = compiled.get(variant);
    if (hit !== undefined) return hit;
  }
  const where =
    url !== undefined
      ? new URL(String(url), typeof location !== 'undefined' ? location.href : undefined)
      : variant === 'threaded'
        ? new URL('../../wasm/snn-kernels.wasm', import.meta.url)
        : new URL('../../wasm/snn-kernels-st.wasm', import.meta.url);
  const promise = readBytes(where)
    .then((bytes) => WebAssembly.compile(bytes as BufferSource))
    .catch((e: unknown) => {
      compiled.delete(variant);
      throw new BackendError(
        `backend 'wasm': cannot load ${where.href}: ${(e as Error)?.message ?? String(e)}`,
      );
    });
  if (url === undefined) compiled.set(variant, promise);
  return promise;
}
