import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadError } from '../errors.js';
import { nodeHasher, openFileSink } from '../node/node-platform.js';
import type { FileSpec } from '../registry.js';
import { FixtureServer, md5Hex, sha256Hex } from '../test-utils/fixture-server.js';
import { type DownloadOptions, type DownloadProgress, downloadVerified } from './download.js';

const NAME = 'blob.gz';
const BODY = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
const FILE: FileSpec = { name: NAME, sha256: sha256Hex(BODY), md5: md5Hex(BODY) };
const FAST: DownloadOptions = { timeoutMs: 300, retries: 1, retryDelayMs: 10 };

let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  server = await new FixtureServer().add(NAME, BODY).start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snn-dl-'));
  server.requests.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const dest = () => join(dir, NAME);
const download = (routes: string[], options: DownloadOptions = FAST) =>
  downloadVerified(
    FILE,
    routes.map((r) => server.url(r) + NAME),
    () => openFileSink(dest()),
    nodeHasher,
    options,
  );

async function expectNothingLeft(): Promise<void> {
  expect(await readdir(dir)).toEqual([]);
}

async function failure(routes: string[], options?: DownloadOptions): Promise<DownloadError> {
  const error = await download(routes, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('downloadVerified against a local server', () => {
  it('downloads, verifies sha256 and md5, reports progress and renames into place', async () => {
    const progress: DownloadProgress[] = [];
    const path = await download(['ok'], { ...FAST, onProgress: (p) => progress.push(p) });
    expect(path).toBe(dest());
    expect(new Uint8Array(await readFile(path))).toEqual(BODY);
    expect(await readdir(dir)).toEqual([NAME]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({
      file: NAME,
      receivedBytes: BODY.length,
      totalBytes: BODY.length,
    });
  });

  it('moves on from a 404 to the next mirror without retrying the 404', async () => {
    await download(['404', 'ok']);
    expect(server.requests).toEqual([`/404/${NAME}`, `/ok/${NAME}`]);
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('retries a 500 on the same mirror before moving on', async () => {
    await download(['500', 'ok']);
    expect(server.requests).toEqual([`/500/${NAME}`, `/500/${NAME}`, `/ok/${NAME}`]);
  });

  it('rejects a body cut short of its Content-Length and leaves no file', async () => {
    const e = await failure(['truncated']);
    expect(e.attempts).toHaveLength(2); // first try and one retry
    expect(e.message).toMatch(/truncated|connection failed after/);
    expect(e.message).toContain(server.url('truncated') + NAME);
    await expectNothingLeft();
  });

  it('rejects a short body without Content-Length through its checksum', async () => {
    const e = await failure(['short']);
    expect(e.message).toContain('sha256 checksum mismatch');
    expect(server.requests).toHaveLength(1); // a checksum mismatch is not retried on the same mirror
    await expectNothingLeft();
  });

  it('rejects a file with the wrong checksum and falls back to a good mirror', async () => {
    const e = await failure(['wrong']);
    expect(e.message).toContain(`expected ${FILE.sha256}`);
    await expectNothingLeft();
    await download(['wrong', 'ok']);
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('gives up on a stalled connection after the timeout', async () => {
    const t0 = Date.now();
    const e = await failure(['stall'], { timeoutMs: 200, retries: 0 });
    expect(e.message).toContain('stalled: no data for 200 ms');
    expect(Date.now() - t0).toBeLessThan(3000);
    await expectNothingLeft();
  });

  it('times out a server that never sends headers, then uses the next mirror', async () => {
    await download(['hang', 'ok'], { timeoutMs: 150, retries: 0 });
    expect(server.requests).toEqual([`/hang/${NAME}`, `/ok/${NAME}`]);
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('retries an interrupted download and succeeds on the second attempt', async () => {
    // While bytes arrive they go to a .part file: the real name appears only after verification.
    const during: string[][] = [];
    await download(['flaky'], { ...FAST, onProgress: () => during.push(readdirSync(dir)) });
    expect(during.length).toBeGreaterThan(1);
    for (const names of during) {
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^blob\.gz\.\d+-[0-9a-f]{8}\.part$/);
    }
    expect(server.requests).toEqual([`/flaky/${NAME}`, `/flaky/${NAME}`]);
    expect(new Uint8Array(await readFile(dest()))).toEqual(BODY);
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('reports every attempt when all mirrors fail, and an unreachable host is a network error', async () => {
    const closed = 'http://127.0.0.1:9/'; // discard port: connection refused
    const e = (await downloadVerified(
      FILE,
      [server.url('404') + NAME, closed + NAME],
      () => openFileSink(dest()),
      nodeHasher,
      { ...FAST, retries: 0 },
    ).catch((x: unknown) => x)) as DownloadError;
    expect(e).toBeInstanceOf(DownloadError);
    expect(e.attempts[0]).toContain('HTTP 404');
    expect(e.attempts[1]).toContain('connection failed');
    await expectNothingLeft();
  });

  it('refuses a body larger than maxBytes: at once from Content-Length, else once it grows past it', async () => {
    const announced = await failure(['ok'], { ...FAST, maxBytes: BODY.length - 1 });
    expect(announced.message).toContain(
      `too large: Content-Length ${BODY.length} bytes, at most ${BODY.length - 1}`,
    );
    expect(server.requests).toHaveLength(1); // not retried: the same mirror would send the same
    const t0 = Date.now();
    const endless = await failure(['endless'], { ...FAST, maxBytes: 1_000_000 });
    expect(endless.attempts).toEqual([
      `${server.url('endless')}${NAME}: too large: more than 1000000 bytes received, at most 1000000 expected`,
    ]);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expectNothingLeft();
    // the limit is inclusive: a body of exactly maxBytes is fine
    await download(['ok'], { ...FAST, maxBytes: BODY.length });
  });

  it('ends a drip (one byte every 500 ms, never a stall) at the deadline, then tries the next mirror', async () => {
    const t0 = Date.now();
    const e = await failure(['drip'], { timeoutMs: 1000, deadlineMs: 1500, retries: 2 });
    const took = Date.now() - t0;
    expect(e.message).toContain('too slow: not complete after 1500 ms');
    expect(e.attempts).toHaveLength(1); // a slow mirror stays slow: not retried
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4000);
    await expectNothingLeft();
    await download(['drip', 'ok'], { timeoutMs: 1000, deadlineMs: 600, retries: 0 });
    expect(await readdir(dir)).toEqual([NAME]);
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const p = download(['stall'], { timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(p).rejects.toThrow('user cancelled');
    await expectNothingLeft();
  });
});
