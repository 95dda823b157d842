import type Docker from 'dockerode';
import {
  EnvironmentTamperedError,
  type EnvironmentHandle,
  type ExecOptions,
  type ShellTarget,
  type TerminalSize,
} from '../environment-handle.js';
import { DockerNodes } from '../docker/docker-nodes.js';
import { LOGIN_SHELL_ARGV, loginShellEnv } from '../docker/login-shell.js';
import { CONTAINER_LABELS } from './container-labels.js';
import { ENTER_WORLD, WORLD_NOT_RUNNING, WORLD_TAMPERED } from './container-world.js';

const NODE = 'control-plane';

/**
 * A container environment: one node (the learner's world in the container) and no Kubernetes
 * API. Every command and shell runs in that world through enter-world, never in the container
 * around it.
 */
export class ContainerEnvironmentHandle implements EnvironmentHandle {
  private readonly nodesOf: DockerNodes;
  /** The world holds no privilege of the host: shared mode may open it too. */
  readonly unprivilegedShellNode = NODE;

  constructor(
    readonly name: string,
    docker: Docker,
  ) {
    this.nodesOf = new DockerNodes(docker, {
      labels: [`${CONTAINER_LABELS.cluster}=${name}`],
      roleLabel: CONTAINER_LABELS.role,
    });
  }

  kubeConfig(): Promise<string> {
    return Promise.reject(new Error(`${this.name} is a container environment without Kubernetes`));
  }

  nodes() {
    return this.nodesOf.list();
  }

  async execInNode(node: string, argv: string[], options?: ExecOptions) {
    const result = await this.nodesOf.exec(node, [ENTER_WORLD, '--', ...argv], options);
    if (result.exitCode === WORLD_TAMPERED && result.stderr.includes('world-tampered')) {
      throw new EnvironmentTamperedError(tamperedPaths(result.stderr));
    }
    if (
      result.exitCode === WORLD_NOT_RUNNING &&
      result.stderr.includes('world of this environment')
    ) {
      throw new Error(`${this.name}: ${result.stderr.trim()}`);
    }
    return result;
  }

  execInPod(): never {
    throw new Error(`${this.name} is a container environment without pods`);
  }

  /** The world is the only thing a terminal can open here. */
  async openShell(target: ShellTarget, size: TerminalSize) {
    if (target.node !== NODE && target.node !== this.name) {
      throw new Error(`${this.name} has no node "${target.node}"`);
    }
    const env = loginShellEnv(`${this.name}:${NODE}`, [
      'LANG=de_DE.UTF-8',
      'HOME=/root',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ]);
    return this.nodesOf.openShell(
      NODE,
      [ENTER_WORLD, '--terminal', '--', ...LOGIN_SHELL_ARGV],
      env,
      size,
    );
  }
}

function tamperedPaths(stderr: string): string[] {
  const listed = /mounts over image files: (.*)/.exec(stderr)?.[1] ?? '';
  return listed.split(/\s+/).filter(Boolean);
}
