import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A local HTTP server on 127.0.0.1 (port 0) that serves fixture files through misbehaving routes:
 *   /ok/NAME          the file
 *   /404/NAME         404
 *   /500/NAME         500
 *   /truncated/NAME   Content-Length of the whole file, half the body, then the socket is destroyed
 *   /short/NAME       no Content-Length, half the body, clean end (only the checksum can tell)
 *   /wrong/NAME       other bytes of the same length (checksum mismatch; for a .gz, a broken stream)
 *   /tampered/NAME    a valid file whose content differs in its last byte (gzipped again if it was)
 *   /recompressed/NAME the same content gzipped again at another level (other bytes, same data)
 *   /drip/NAME        Content-Length of the whole file, then one byte every 500 ms
 *   /endless/NAME     no Content-Length, then zeros in 64 KiB chunks until the client hangs up
 *   /stall/NAME       headers and a few bytes, then silence until the client gives up
 *   /flaky/NAME       first request per file is cut mid-body, later ones succeed
 *   /hang/NAME        accepts the request and never answers (not even headers)
 */
export class FixtureServer {
  readonly requests: string[] = [];
  private readonly files = new Map<string, Uint8Array>();
  private readonly flakyCount = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  base = '';

  add(name: string, bytes: Uint8Array): this {
    this.files.set(name, bytes);
    return this;
  }

  url(route: string): string {
    return `${this.base}/${route}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req.url ?? '/', res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(url: string, res: ServerResponse): void {
    this.requests.push(url);
    const [, route, name] = url.split('/');
    const body = this.files.get(name ?? '');
    if (body === undefined || route === '404') {
      res.writeHead(404).end('not found');
      return;
    }
    const half = body.subarray(0, Math.floor(body.length / 2));
    switch (route) {
      case 'ok':
        res.writeHead(200, { 'content-length': body.length }).end(body);
        return;
      case '500':
        res.writeHead(500).end('boom');
        return;
      case 'truncated':
        res.writeHead(200, { 'content-length': body.length });
        res.write(half, () => res.destroy());
        return;
      case 'short':
        res.writeHead(200).end(half);
        return;
      case 'wrong': {
        const other = new Uint8Array(body);
        other[other.length - 1] ^= 0xff;
        res.writeHead(200, { 'content-length': other.length }).end(other);
        return;
      }
      case 'tampered': {
        const gz = body[0] === 0x1f && body[1] === 0x8b;
        const content = new Uint8Array(gz ? gunzipSync(body) : body);
        content[content.length - 1] ^= 0xff;
        const other = gz ? gzipSync(content) : content;
        res.writeHead(200, { 'content-length': other.length }).end(other);
        return;
      }
      case 'recompressed': {
        const other = gzipSync(gunzipSync(body), { level: 1 });
        res.writeHead(200, { 'content-length': other.length }).end(other);
        return;
      }
      case 'drip': {
        res.writeHead(200, { 'content-length': body.length });
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= body.length) clearInterval(timer);
          else res.write(body.subarray(at, ++at));
        }, 500);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'endless': {
        res.writeHead(200);
        const chunk = new Uint8Array(65536);
        const more = () => {
          while (!res.destroyed && res.write(chunk)) {
            // keep writing until the socket's buffer is full
          }
          if (!res.destroyed) res.once('drain', more);
        };
        more();
        return;
      }
      case 'hang':
        return; // stop() destroys the socket
      case 'stall':
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, 4));
        return; // never ends; stop() destroys the socket
      case 'flaky': {
        const n = (this.flakyCount.get(name) ?? 0) + 1;
        this.flakyCount.set(name, n);
        if (n === 1) {
          res.writeHead(200, { 'content-length': body.length });
          res.write(half, () => res.destroy());
        } else {
          res.writeHead(200, { 'content-length': body.length }).end(body);
        }
        return;
      }
      default:
        res.writeHead(404).end('unknown route');
    }
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
