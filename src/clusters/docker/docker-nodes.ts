import type Docker from 'dockerode';
import type {
  ClusterNode,
  ExecOptions,
  ExecResult,
  ShellStream,
  TerminalSize,
} from '../environment-handle.js';
import { execInContainer, openTtyExec } from './docker-exec.js';

export interface DockerNodesOptions {
  /** Docker label filters that select this cluster's node containers, e.g. `io.x-k8s.kind.cluster=kl-1a2b3c4d`. */
  labels: string[];
  /** The label that says a node's role (`control-plane` or `worker`). */
  roleLabel: string;
}

/** The node containers of one cluster, found by their labels, and commands run in them. */
export class DockerNodes {
  constructor(
    private readonly docker: Docker,
    private readonly options: DockerNodesOptions,
  ) {}

  async list(): Promise<ClusterNode[]> {
    const containers = await this.docker.listContainers({
      filters: { label: this.options.labels },
    });
    return containers
      .map((c) => ({
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        role:
          c.Labels[this.options.roleLabel] === 'worker'
            ? ('worker' as const)
            : ('control-plane' as const),
        containerId: c.Id,
      }))
      .sort((a, b) =>
        a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'control-plane' ? -1 : 1,
      );
  }

  /** A node by name, or by role: `control-plane`, `worker` (the first worker). */
  async find(node: string): Promise<ClusterNode> {
    const nodes = await this.list();
    const found = nodes.find((n) => n.name === node) ?? nodes.find((n) => n.role === node);
    if (!found) throw new Error(`No node "${node}" in ${this.options.labels.join(',')}`);
    return found;
  }

  async exec(
    node: string,
    argv: string[],
    options?: ExecOptions & { env?: string[] },
  ): Promise<ExecResult> {
    return execInContainer(this.docker, (await this.find(node)).containerId, argv, options);
  }

  async openShell(
    node: string,
    argv: string[],
    env: string[],
    size: TerminalSize,
  ): Promise<ShellStream> {
    return openTtyExec(this.docker, (await this.find(node)).containerId, argv, env, size);
  }
}
