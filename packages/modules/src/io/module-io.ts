import type { Module } from '../module/module.js';
import { parseSafetensors, type SafetensorsInput, serializeSafetensors } from './safetensors.js';

/**
 * A module's `stateDict()` as `.safetensors` bytes (keys exactly as PyTorch's, e.g. `fc_out.weight`),
 * loadable with Python's `safetensors.torch.load_file` and `model.load_state_dict`.
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
