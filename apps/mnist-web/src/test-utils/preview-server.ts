import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Preview {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * `vite preview` of the built site (the app's own `preview` script), on 127.0.0.1 (a secure context:
 * WebGPU is only exposed there), serving $SNN_MNIST_DIR at data/mnist/ as the app's config does.
 */
export async function startPreview(appDir: string, mnistDir: string): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(appDir, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      // Vite 8 allows one preview per project; the test's own must not collide with a user's.
      '--bypass-lock',
    ],
    { cwd: appDir, env: { ...process.env, SNN_MNIST_DIR: mnistDir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`vite preview did not start in 30 s:\n${output}`)),
        30_000,
      );
      const onData = (d: Buffer) => {
        // Colours (CI sets FORCE_COLOR) split the address: compare without them.
        output += stripVTControlCharacters(String(d));
        if (output.includes(`127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`vite preview exited with ${code}:\n${output}`));
      });
    });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
