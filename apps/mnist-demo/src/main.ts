import { CommanderError } from 'commander';
import { createProgram } from './cli/program.js';
import { type ConsoleIO, consoleHandlers } from './commands/handlers.js';
import { exitCodeOf } from './errors.js';

/** commander "errors" that are a successful request: --help, help <command>, --version. */
const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** Runs the CLI on `argv` (without node and the script) and returns the exit status. */
export async function main(argv: readonly string[], io?: ConsoleIO): Promise<number> {
  const stdout = io?.stdout ?? process.stdout;
  const stderr = io?.stderr ?? process.stderr;
  const program = createProgram(consoleHandlers({ stdout, stderr }), {
    writeOut: (t) => stdout.write(t),
    writeErr: (t) => stderr.write(t),
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message (or the help) already. Its own exit codes are 1 for every
      // parsing error; ours are documented: a command-line mistake is 2, like a bad value we find.
      return HELP_CODES.has(error.code) ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    stderr.write(`mnist-demo: ${message}\n`);
    const code = exitCodeOf(error);
    if (code === 1 && error instanceof Error && error.stack && process.env.SNN_DEBUG)
      stderr.write(`${error.stack}\n`);
    return code;
  }
}
