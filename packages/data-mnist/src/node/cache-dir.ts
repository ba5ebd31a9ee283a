import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_CACHE_HOME/snn`, else `~/.cache/snn` (the XDG base directory default). */
export function defaultCacheRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return xdg && xdg.length > 0 ? join(xdg, 'snn') : join(homedir(), '.cache', 'snn');
}
