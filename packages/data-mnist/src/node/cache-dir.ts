import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$XDG_CACHE_HOME/snn`, else `~/.cache/snn` (the XDG base directory default): where downloads go,
 * one folder per dataset (`~/.cache/snn/mnist`).
 *
 * @param env - The environment to read XDG_CACHE_HOME from (default `process.env`).
 * @example
 * ```ts
 * console.log(defaultCacheRoot({ XDG_CACHE_HOME: '/var/cache' })); // /var/cache/snn
 * console.log(defaultCacheRoot({})); // ~/.cache/snn, with the home folder spelled out
 * ```
 */
export function defaultCacheRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return xdg && xdg.length > 0 ? join(xdg, 'snn') : join(homedir(), '.cache', 'snn');
}
