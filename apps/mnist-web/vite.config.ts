import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/*
 * Static build (`dist/`, relative URLs: host it in any folder). Dev and preview send the two headers
 * that make the page cross-origin isolated (SharedArrayBuffer, so WebAssembly can use threads);
 * a static host needs the same two headers (public/_headers has them for hosts that read it).
 */
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const MNIST_FILE = /^[a-z0-9-]+-idx[13]-ubyte(\.gz)?$/;

/**
 * Serves $SNN_MNIST_DIR at data/mnist/ in `dev` and `preview`, so the page finds MNIST where a host
 * would put it. Files go out as they are (gzip bytes, no Content-Encoding), so checksums match.
 */
function mnistFromEnv(): Plugin {
  const dir = process.env.SNN_MNIST_DIR;
  const serve = (url: string | undefined, res: ServerResponse, next: () => void) => {
    const path = new URL(url ?? '/', 'http://x').pathname;
    const name = basename(path);
    if (!dir || !path.endsWith(`/data/mnist/${name}`) || !MNIST_FILE.test(name)) return next();
    const file = join(dir, name);
    if (!existsSync(file)) return next();
    res.writeHead(200, {
      'Content-Type': name.endsWith('.gz') ? 'application/gzip' : 'application/octet-stream',
      'Content-Length': statSync(file).size,
      ...ISOLATION,
    });
    createReadStream(file).pipe(res);
  };
  return {
    name: 'snn-mnist-from-env',
    configureServer(server) {
      server.middlewares.use((req, res, next) => serve(req.url, res, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => serve(req.url, res, next));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [mnistFromEnv()],
  worker: { format: 'es' },
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  build: { target: 'es2022', sourcemap: false },
});
