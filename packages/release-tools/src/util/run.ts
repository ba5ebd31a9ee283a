import { execFile } from 'node:child_process';

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * Runs a command to completion and returns its stdout; a failure's message names the command, the
 * folder and the end of what it printed (both streams), which is where package managers say why.
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 10 * 60 * 1000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const printed = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
        reject(
          new Error(
            `\`${command} ${args.join(' ')}\` in ${options.cwd} failed (${error.message.split('\n')[0]}):\n${printed}`,
          ),
        );
      },
    );
  });
}
