import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { transformSync } from '@swc/core';

/*
 * A tiny test-only HTTP server for the browser smoke test: serves the monorepo's TypeScript sources
 * as ES modules (transpiled on the fly by swc; `./x.js` imports resolve to `./x.ts`) and a page whose
 * import map points `@snn/core` at core's sources. Listens on 127.0.0.1 so the page is a secure
 * context (WebGPU is only exposed there).
 */
export interface SourceServer {
  readonly url: string;
  close(): Promise<void>;
}

function page(entry: string): string {
  const importMap = {
    imports: {
      '@snn/core': '/packages/core/src/index.ts',
      '@snn/core/testing': '/packages/core/src/testing/index.ts',
    },
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>@snn webgpu smoke</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="${entry}"></script></head><body></body></html>`;
}

export async function startSourceServer(repoRoot: string, entry: string): Promise<SourceServer> {
  const root = resolve(repoRoot);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(entry));
      return;
    }
    let file = resolve(root, `.${path}`);
    if (!file.startsWith(root + sep) || !file.includes(`${sep}packages${sep}`)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) && extname(file) === '.js') file = `${file.slice(0, -3)}.ts`;
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end(`not found: ${path}`);
      return;
    }
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.ts')) {
      const { code } = transformSync(source, {
        filename: file,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      });
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(source);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('source server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
