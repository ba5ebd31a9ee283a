import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Points tfjs-backend-wasm at the .wasm files inside its installed package (Node only). Its Node
 * bundle finds them next to itself already, but a bundler (or an ESM build picking its `module`
 * entry) would make it fetch them relative to the page; an explicit directory works from source,
 * from our built dist and from a user's node_modules alike. Browsers keep tfjs's default (or the
 * page's own setWasmPaths).
 */
export function locateWasmFiles(wasm: { setWasmPaths(prefix: string): void }): void {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    wasm.setWasmPaths(`${join(dirname(pkg), 'dist')}/`);
  } catch {
    // Already initialised (setWasmPaths throws then) or not resolvable: tfjs's default stays.
  }
}
