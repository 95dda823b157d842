import type Docker from 'dockerode';
import type { ClusterHandle, ExecOptions, ShellTarget, TerminalSize } from '../cluster-handle.js';
import { DockerNodes } from '../docker/docker-nodes.js';
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
    const short = this.name.replace(/^kl-/, '').slice(0, 4);
    const env = [
      'TERM=xterm-256color',
      'LANG=de_DE.UTF-8',
      'HOME=/root',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `PS1=kl-${short}:${node} \\w \\$ `,
    ];
    return this.nodesOf.openShell(
      node,
      ['sh', '-c', 'command -v bash >/dev/null && exec bash || exec sh'],
      env,
      size,
    );
  }
}
