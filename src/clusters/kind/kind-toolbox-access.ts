import type Docker from 'dockerode';
import type {
  ExecOptions,
  ExecResult,
  ShellStream,
  TerminalSize,
  ToolboxAccess,
} from '../environment-handle.js';
import { execInContainer, openTtyExec } from '../docker/docker-exec.js';
import { LOGIN_SHELL_ARGV, loginShellEnv } from '../docker/login-shell.js';
import {
  TOOLBOX_HOME,
  TOOLBOX_KUBECONFIG,
  TOOLBOX_NODE,
  TOOLBOX_RUN_DIR,
  TOOLBOX_USER,
} from './kind-toolbox.js';

/** Where kubelab may put files for the learner: their home and kubelab's own tmpfs. */
const WRITABLE_DIRS = [TOOLBOX_HOME, TOOLBOX_RUN_DIR];

/**
 * A path writeFile accepts: absolute, plain characters, no `.` or `..` parts, below one of
 * WRITABLE_DIRS. Everything runs as uid 1000 anyway; this keeps a caller's mistake from
 * writing where the learner could not have.
 */
export function isToolboxFilePath(path: string): boolean {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(path)) return false;
  const parts = path.split('/').slice(1);
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return false;
  return WRITABLE_DIRS.some((dir) => path.startsWith(`${dir}/`));
}

/** Content on stdin, the path as an argument: nothing is spliced into shell code. */
const WRITE_SCRIPT = 'umask 077 && mkdir -p "${1%/*}" && cat > "$1" && chmod 0600 "$1"';

/** A cluster's toolbox container: commands, files and shells, all as uid 1000. */
export class KindToolbox implements ToolboxAccess {
  constructor(
    private readonly docker: Docker,
    private readonly cluster: string,
    readonly container: string,
    /** The engine's `server=` (or KUBELAB_TOOLBOX_SERVER_URL), when set. */
    private readonly configuredServerUrl?: string,
  ) {}

  exec(argv: string[], options?: ExecOptions): Promise<ExecResult> {
    return execInContainer(this.docker, this.container, argv, { ...options, user: TOOLBOX_USER });
  }

  async writeFile(path: string, content: string): Promise<void> {
    if (!isToolboxFilePath(path))
      throw new Error(
        `Refusing to write ${path} in ${this.container}: only below ${WRITABLE_DIRS.join(' or ')}`,
      );
    const result = await this.exec(['sh', '-c', WRITE_SCRIPT, 'sh', path], { stdin: content });
    if (result.exitCode !== 0 || result.timedOut)
      throw new Error(
        `Writing ${path} in ${this.container} failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
      );
  }

  async serverUrl(port: number): Promise<string> {
    if (this.configuredServerUrl) return this.configuredServerUrl.replace(/\/+$/, '');
    return `http://${await networkGateway(this.docker, this.cluster)}:${port}`;
  }

  /** A login shell with a `$` prompt, the learner's kubeconfig and nothing of the server's environment. */
  openShell(size: TerminalSize): Promise<ShellStream> {
    const env = loginShellEnv(`${this.cluster}:${TOOLBOX_NODE}`, [
      'LANG=de_DE.UTF-8',
      `HOME=${TOOLBOX_HOME}`,
      `KUBECONFIG=${TOOLBOX_KUBECONFIG}`,
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ]);
    return openTtyExec(this.docker, this.container, LOGIN_SHELL_ARGV, env, size, TOOLBOX_USER);
  }
}

/** The IPv4 gateway of a Docker network: the host, as containers on that network reach it. */
async function networkGateway(docker: Docker, network: string): Promise<string> {
  const info = (await docker.getNetwork(network).inspect()) as {
    IPAM?: { Config?: { Gateway?: string }[] };
  };
  const gateway = info.IPAM?.Config?.map((c) => c.Gateway).find((g) => g?.includes('.'));
  if (!gateway) throw new Error(`Docker network ${network} has no IPv4 gateway`);
  return gateway;
}
