import type Docker from 'dockerode';
import { CLUSTER_PREFIX, KIND_CLUSTER_LABEL } from './kind-cluster-name.js';

export interface KindNodeContainer {
  name: string;
  id: string;
  networks: string[];
}

function statusCode(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** kind clusters as one Docker engine sees them: node containers by kind's labels, networks. */
export class KindContainers {
  constructor(private readonly docker: Docker) {}

  /**
   * kubelab's clusters (label value starts with `kl-`), each with its node names, sorted, and
   * whether all of them run; one listing call.
   */
  async clusters(): Promise<Map<string, { nodes: string[]; running: boolean }>> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [KIND_CLUSTER_LABEL] },
    });
    const clusters = new Map<string, { nodes: string[]; running: boolean }>();
    for (const c of containers) {
      const cluster = c.Labels[KIND_CLUSTER_LABEL];
      if (!cluster?.startsWith(CLUSTER_PREFIX)) continue;
      const entry = clusters.get(cluster) ?? { nodes: [], running: true };
      entry.nodes.push((c.Names[0] ?? c.Id).replace(/^\//, ''));
      entry.running &&= c.State === 'running';
      clusters.set(cluster, entry);
    }
    return new Map(
      [...clusters]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, entry]) => [name, { ...entry, nodes: entry.nodes.sort() }]),
    );
  }

  /** The node containers of one cluster, running or not, with the networks they are on. */
  async nodes(cluster: string): Promise<KindNodeContainer[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${KIND_CLUSTER_LABEL}=${cluster}`] },
    });
    return containers.map((c) => ({
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      id: c.Id,
      networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    }));
  }

  /** Force-removes node containers (and their anonymous volumes) that are still there. */
  async removeNodes(cluster: string): Promise<string[]> {
    const nodes = await this.nodes(cluster);
    await Promise.all(
      nodes.map((n) =>
        this.docker
          .getContainer(n.id)
          .remove({ force: true, v: true })
          .catch((error: unknown) => {
            if (statusCode(error) !== 404) throw error;
          }),
      ),
    );
    return nodes.map((n) => n.name);
  }

  /** Removes the network of that exact name; a network that is not there is fine. */
  async removeNetwork(name: string): Promise<void> {
    const [network] = (await this.docker.listNetworks({ filters: { name: [name] } })).filter(
      (n) => n.Name === name,
    );
    if (!network) return;
    await this.docker
      .getNetwork(network.Id)
      .remove()
      .catch((error: unknown) => {
        if (statusCode(error) !== 404) throw error;
      });
  }
}
