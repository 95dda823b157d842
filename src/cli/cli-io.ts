import fs from 'node:fs';

/** What a command may touch, so tests can run commands without a terminal or files. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads a file as UTF-8; `-` is standard input. */
  readFile: (path: string) => string;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => fs.readFileSync(path === '-' ? 0 : path, 'utf8'),
};

/** Bad arguments: the dispatcher prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A top-level subcommand of `kubelab`. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code; throws UsageError on bad arguments. */
  run(argv: string[], io: CliIo): number;
}
