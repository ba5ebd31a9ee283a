import { readFile } from 'node:fs/promises';
import { parseSafetensors } from '@snn/modules';

/** The network's tensors in a checkpoint file (its `model.` keys), as plain arrays to compare. */
export async function modelTensors(path: string): Promise<Map<string, number[]>> {
  const { tensors } = parseSafetensors(new Uint8Array(await readFile(path)));
  const out = new Map<string, number[]>();
  for (const [k, e] of tensors) if (k.startsWith('model.')) out.set(k, Array.from(e.data));
  return out;
}
