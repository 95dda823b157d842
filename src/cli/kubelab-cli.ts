import { type CliCommand, type CliIo, UsageError, processIo } from './cli-io.js';
import { netpolCommand } from './netpol.command.js';

const COMMANDS: readonly CliCommand[] = [netpolCommand];

export const KUBELAB_USAGE = [
  'Usage: kubelab <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`),
  '',
  'Run "kubelab <command> --help" for the options of a command.',
].join('\n');

/**
 * `kubelab <command> …`: 0 on success, 1 when input cannot be read or understood, 2 on bad
 * arguments (with a usage message on stderr).
 */
export function runKubelabCli(argv: readonly string[], io: CliIo = processIo): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(KUBELAB_USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(KUBELAB_USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command "${name}"\n\n${KUBELAB_USAGE}`);
    return 2;
  }
  try {
    return command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
