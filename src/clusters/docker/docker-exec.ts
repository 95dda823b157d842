import { boundedCapture } from '../bounded-capture.js';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecOptions, ExecResult, ShellStream, TerminalSize } from '../environment-handle.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The Docker API cannot kill an exec, so each process writes its in-container pid to a file
 * that a second exec can use on timeout. The wrapper also removes files of processes that
 * have ended, so /tmp does not fill up (one file per running exec at most).
 */
const PID_DIR = '/tmp';
const PID_PREFIX = '.kubelab-exec-';

function pidFile(): string {
  return `${PID_DIR}/${PID_PREFIX}${process.pid}-${Math.random().toString(36).slice(2)}`;
}

function wrapped(argv: string[], file: string): string[] {
  const sweep = `for f in ${PID_DIR}/${PID_PREFIX}*; do [ -f "$f" ] && ! kill -0 "$(cat "$f")" 2>/dev/null && rm -f "$f"; done`;
  return ['sh', '-c', `${sweep}; echo $$ > ${file}; exec "$@"`, 'sh', ...argv];
}

async function killInContainer(
  container: Docker.Container,
  file: string,
  user: string | undefined,
): Promise<void> {
  const exec = await container.exec({
    Cmd: ['sh', '-c', `kill -9 "$(cat ${file})" 2>/dev/null; rm -f ${file}`],
    ...(user ? { User: user } : {}),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  stream.resume();
  await new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  stream.destroy();
}

/** Who runs an exec: the container's configured user, unless `user` (`uid:gid`) says otherwise. */
export interface ExecAs {
  env?: string[];
  user?: string;
}

/** Runs argv (never a shell string) in a container; stdout and stderr apart, with exit code. */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  argv: string[],
  options: ExecOptions & ExecAs = {},
): Promise<ExecResult> {
  const container = docker.getContainer(containerId);
  const file = pidFile();
  const withStdin = options.stdin !== undefined;
  const exec = await container.exec({
    Cmd: wrapped(argv, file),
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: withStdin,
    Tty: false,
    Env: options.env ?? [],
    ...(options.user ? { User: options.user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: withStdin });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = boundedCapture(stdout);
  const err = boundedCapture(stderr);
  docker.modem.demuxStream(stream, stdout, stderr);
  if (withStdin) stream.end(options.stdin);

  let timedOut = false;
  const finished = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  const timer = setTimeout(() => {
    timedOut = true;
    killInContainer(container, file, options.user)
      .catch(() => undefined)
      .finally(() => stream.destroy());
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    // A hijacked connection stays open after the process ends unless it is closed here.
    stream.destroy();
  }
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stdout: out(), stderr: err(), timedOut };
}

/** An interactive TTY exec; the stream carries raw terminal bytes both ways. */
export async function openTtyExec(
  docker: Docker,
  containerId: string,
  argv: string[],
  env: string[],
  size: TerminalSize,
  user?: string,
): Promise<ShellStream> {
  const container = docker.getContainer(containerId);
  const file = pidFile();
  const exec = await container.exec({
    Cmd: wrapped(argv, file),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: env,
    ...(user ? { User: user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  const resize = async ({ cols, rows }: TerminalSize) => {
    await exec.resize({ h: rows, w: cols });
  };
  await resize(size).catch(() => undefined);
  const exited = new Promise<number>((resolve) => {
    const done = () => {
      stream.destroy();
      exec.inspect().then(
        (info) => resolve(info.ExitCode ?? -1),
        () => resolve(-1),
      );
    };
    stream.once('end', done);
    stream.once('close', done);
  });
  return {
    stream,
    resize,
    exited,
    async close() {
      await killInContainer(container, file, user).catch(() => undefined);
      stream.destroy();
    },
  };
}
