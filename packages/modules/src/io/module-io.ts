import type { Module } from '../module/module.js';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from './safetensors.js';

/**
 * A module's `stateDict()` as `.safetensors` bytes (keys exactly as PyTorch's, e.g. `fc_out.weight`),
 * loadable with Python's `safetensors.torch.load_file` and `model.load_state_dict`.
 *
 * @param module - The module whose parameters and buffers are written.
 * @param metadata - Extra `__metadata__` strings (`format: 'pt'` is always written).
 * @example
 * ```ts
 * // Python: model.load_state_dict(safetensors.torch.load_file('model.safetensors'))
 * const model = new Sequential(new Linear(784, 100), new Leaky(0.9), new Linear(100, 10));
 * await writeFile('model.safetensors', await saveSafetensors(model, { epochs: '5' }));
 * ```
 */
export async function saveSafetensors(
  module: Module,
  metadata: Record<string, string> = {},
): Promise<Uint8Array> {
  const tensors = new Map<string, SafetensorsInput>();
  for (const [k, t] of module.stateDict()) {
    tensors.set(k, { shape: t.shape, data: await t.data(), dtype: t.dtype === 'bool' ? 'BOOL' : undefined });
  }
  return serializeSafetensors(tensors, { format: 'pt', ...metadata });
}

/**
 * Loads `.safetensors` bytes (e.g. from PyTorch's `save_file(model.state_dict(), ...)`) into a module.
 * F64/F16/BF16 become float32. Returns missing/unexpected keys (throws on them unless strict is false).
 *
 * @param module - The module to load into (same keys and shapes as the file).
 * @param bytes - The `.safetensors` file's bytes.
 * @param options - strict: every key must match both ways (default true).
 * @example
 * ```ts
 * // Python: safetensors.torch.save_file(model.state_dict(), 'model.safetensors')
 * const model = new Sequential(new Linear(784, 100), new Leaky(0.9), new Linear(100, 10));
 * const { missingKeys, unexpectedKeys } = loadSafetensors(model, await readFile('model.safetensors'));
 * ```
 */
export function loadSafetensors(
  module: Module,
  bytes: Uint8Array,
  { strict = true }: { strict?: boolean } = {},
): {
  /** The file's `__metadata__` string map (empty when it has none). */
  metadata: Record<string, string>;
  /** The module's parameter and buffer names the file lacked (PyTorch `missing_keys`). */
  missingKeys: string[];
  /** The file's tensor names the module has no parameter or buffer for (PyTorch `unexpected_keys`). */
  unexpectedKeys: string[];
} {
  const { tensors, metadata } = parseSafetensors(bytes);
  return { ...module.loadStateDict(tensors, { strict }), metadata };
}
