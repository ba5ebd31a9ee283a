import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that cannot hang: the missing components are created one at a time, without
 * `recursive`. (Node's recursive mkdir loops forever on ENOENT where a parent refuses new entries,
 * e.g. anywhere under /proc.) A component that exists but is not a directory, or that cannot be
 * created, is an Error naming it. (The same helper as @snn/modules/node's: this package depends on no
 * other @snn package.)
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      if (!(await stat(at)).isDirectory()) throw new Error(`cannot create ${dir}: ${at} is not a directory`);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a file stands where a folder should be; climb to name it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      missing.push(at);
      if (dirname(at) === at) break;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new Error(`cannot create ${dir}: making ${d} failed (${code ?? (e as Error).message})`, {
        cause: e,
      });
    }
  }
}
