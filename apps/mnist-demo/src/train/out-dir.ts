import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { makeDirectory } from '@snn/modules/node';
import { UsageError } from '../errors.js';

/**
 * Makes the output folder and checks it is writable, before any backend or data is touched, so a
 * bad --out-dir fails at once with its name. Folders are made one level at a time (Node's recursive
 * mkdir never returns under /proc). Returns the absolute path.
 */
export async function prepareOutDir(dir: string): Promise<string> {
  const path = resolve(dir);
  try {
    await makeDirectory(path);
    await access(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EROFS' ? `${path} is not writable (${code})` : (error as Error).message;
    throw new UsageError(`--out-dir ${dir}: ${why}`);
  }
  return path;
}
