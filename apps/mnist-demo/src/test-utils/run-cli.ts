import { PassThrough } from 'node:stream';
import { main } from '../main.js';

/** Runs the CLI in-process as a user would type `mnist-demo <args>`: exit code and both streams. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c.toString();
  });
  stderr.on('data', (c) => {
    err += c.toString();
  });
  const code = await main(args, { stdout, stderr });
  return { code, stdout: out, stderr: err };
}

/** The JSON object `--json` prints as the last line of stdout. */
export const lastLineJson = (text: string) => JSON.parse(text.trim().split('\n').pop() as string);
