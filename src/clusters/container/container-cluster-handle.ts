import type Docker from 'dockerode';
import type { ClusterHandle, ExecOptions, ShellTarget, TerminalSize } from '../cluster-handle.js';
import { DockerNodes } from '../docker/docker-nodes.js';
import { LOGIN_SHELL_ARGV, loginShellEnv } from '../docker/login-shell.js';
import { CONTAINER_LABELS } from './container-labels.js';

/** A container environment: one node (the container itself) and no Kubernetes API. */
export class ContainerClusterHandle implements ClusterHandle {
  private readonly nodesOf: DockerNodes;

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

  execInNode(node: string, argv: string[], options?: ExecOptions) {
    return this.nodesOf.exec(node, argv, options);
  }

  execInPod(): never {
    throw new Error(`${this.name} is a container environment without pods`);
  }

  async openShell(target: ShellTarget, size: TerminalSize) {
    const node = 'node' in target ? target.node : 'control-plane';
    const env = loginShellEnv(`${this.name}:${node} $ `, [
      'LANG=de_DE.UTF-8',
      'HOME=/root',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ]);
    return this.nodesOf.openShell(node, LOGIN_SHELL_ARGV, env, size);
  }
}
