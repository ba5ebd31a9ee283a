import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** A verdaccio started for one run: 127.0.0.1 only, storage in a folder that is thrown away after. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A publish token for the user created at start. */
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * `@snn/*` is served only from what was published here (no uplink: a same-named package on the
 * public registry can never stand in for ours); anything else is proxied to the npm registry.
 */
const config = (dir: string) => `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 1
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
packages:
  '@snn/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    proxy: npmjs
log: { type: stdout, format: pretty, level: warn }
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
}

async function waitUntilUp(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`verdaccio exited with status ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Starts verdaccio with its storage under `dir` and creates the publishing user. */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, config(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(
    process.execPath,
    [verdaccioBin(), '--config', configFile, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilUp(url, child, () => output);
    const response = await fetch(`${url}-/user/org.couchdb.user:snn-ci`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'snn-ci', password: 'throwaway-registry' }),
    });
    const body = (await response.json()) as { token?: string; error?: string };
    if (!response.ok || !body.token)
      throw new Error(`verdaccio refused the CI user: ${body.error ?? response.status}`);
    return { url, token: body.token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The `.npmrc` lines that send `@snn/*` (only) to the local registry, with the token for publishing. */
export function npmrcFor(registry: LocalRegistry): string {
  const host = registry.url.replace(/^https?:/, '');
  return `@snn:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`;
}
