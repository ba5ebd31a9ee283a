import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@snn/modules/node';

/**
 * Keeps the records of `metrics.jsonl` whose (0-based) epoch is below `epoch`: a resumed run starts
 * that epoch again and logs it anew, so nothing is listed twice. Lines that do not parse (the tail
 * of a write cut by a kill) are dropped. A missing file stays missing.
 */
export async function keepMetricsBefore(path: string, epoch: number): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const kept = text.split('\n').filter((line) => {
    try {
      const record = JSON.parse(line) as { epoch?: unknown };
      return typeof record.epoch === 'number' && record.epoch < epoch;
    } catch {
      return false;
    }
  });
  await writeFileAtomic(path, new TextEncoder().encode(kept.map((l) => `${l}\n`).join('')));
}
