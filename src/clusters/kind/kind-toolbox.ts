import type Docker from 'dockerode';
import { CONTAINER_LABELS } from '../container/container-labels.js';
import { removeContainer } from '../docker/remove-container.js';
import { CLUSTER_PREFIX } from './kind-cluster-name.js';

/** What `execInNode` and `openShell` call the toolbox: it is no node of the cluster. */
export const TOOLBOX_NODE = 'toolbox';
/** On the toolbox container, naming its cluster. Not kind's label: kind would take it for a node. */
export const TOOLBOX_LABEL = 'dev.kubelab.toolbox';
export const TOOLBOX_USER = '1000:1000';
export const TOOLBOX_HOME = '/home/lernender';
export const TOOLBOX_RUN_DIR = '/run/kubelab';
export const TOOLBOX_KUBECONFIG = `${TOOLBOX_HOME}/.kube/config`;

export interface ToolboxSettings {
  image: string;
  memoryMb: number;
  pidsLimit: number;
  /** KUBELAB_INSTANCE: whose leftovers these are. */
  instance: string;
}

export function toolboxName(cluster: string): string {
  return `${cluster}-toolbox`;
}

/** Whether `node` (as a terminal or check names it) means the toolbox of `cluster`. */
export function isToolboxNode(cluster: string, node: string): boolean {
  return node === TOOLBOX_NODE || node === toolboxName(cluster);
}

/**
 * The learner's terminal in shared mode, on the cluster's network: it holds no privilege of
 * the host. uid 1000, no capabilities, no-new-privileges, a read-only image, memory and pid
 * limits, no host mounts, no published ports; what the learner may write (home, kubelab's
 * files for the shell, /tmp) is tmpfs. An init reaps what the learner's shells leave behind.
 */
export function toolboxContainerSpec(
  cluster: string,
  settings: ToolboxSettings,
): Docker.ContainerCreateOptions {
  const ownTmpfs = 'rw,nosuid,nodev,uid=1000,gid=1000,mode=0700';
  return {
    name: toolboxName(cluster),
    Hostname: TOOLBOX_NODE,
    Image: settings.image,
    Cmd: ['sleep', 'infinity'],
    User: TOOLBOX_USER,
    WorkingDir: TOOLBOX_HOME,
    Env: [`HOME=${TOOLBOX_HOME}`, `KUBECONFIG=${TOOLBOX_KUBECONFIG}`],
    Labels: {
      [CONTAINER_LABELS.managed]: 'true',
      [CONTAINER_LABELS.instance]: settings.instance,
      [TOOLBOX_LABEL]: cluster,
    },
    HostConfig: {
      NetworkMode: cluster,
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: {
        [TOOLBOX_HOME]: `${ownTmpfs},size=64m`,
        [TOOLBOX_RUN_DIR]: `${ownTmpfs},noexec,size=1m`,
        '/tmp': 'rw,nosuid,nodev,size=64m',
      },
      Memory: settings.memoryMb * 1024 * 1024,
      PidsLimit: settings.pidsLimit,
      Init: true,
    },
  };
}

export interface ListedToolbox {
  cluster: string;
  running: boolean;
}

export interface ListedCluster {
  nodes: string[];
  running: boolean;
}

/**
 * Clusters as kind's nodes show them, joined with this server's toolboxes: a cluster runs only
 * while its toolbox does too (a restarted toolbox has lost what setup put there), and a toolbox
 * whose cluster has no nodes left stands for a cluster of its own, not running, so that
 * reconciliation and the reaper remove it like any leftover.
 */
export function withToolboxes(
  clusters: ReadonlyMap<string, ListedCluster>,
  toolboxes: ListedToolbox[],
): Map<string, ListedCluster> {
  const joined = new Map(clusters);
  for (const { cluster, running } of toolboxes) {
    const entry = joined.get(cluster);
    joined.set(
      cluster,
      entry ? { ...entry, running: entry.running && running } : { nodes: [], running: false },
    );
  }
  return new Map([...joined].sort(([a], [b]) => a.localeCompare(b)));
}

/** Toolbox containers on one Docker engine: started, found, listed and removed by cluster. */
export class KindToolboxes {
  constructor(private readonly docker: Docker) {}

  /** Starts the toolbox of a cluster whose network exists; a leftover of that name goes first. */
  async start(cluster: string, settings: ToolboxSettings): Promise<string> {
    await this.remove(cluster);
    const container = await this.docker.createContainer(toolboxContainerSpec(cluster, settings));
    await container.start();
    return toolboxName(cluster);
  }

  /** Whether the cluster has a toolbox (running or not); only a container labelled for it counts. */
  async exists(cluster: string): Promise<boolean> {
    try {
      const found = await this.docker.getContainer(toolboxName(cluster)).inspect();
      return found.Config.Labels?.[TOOLBOX_LABEL] === cluster;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }

  /** The toolboxes one server (KUBELAB_INSTANCE) made, running or not. */
  async list(instance: string): Promise<ListedToolbox[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [TOOLBOX_LABEL, `${CONTAINER_LABELS.instance}=${instance}`] },
    });
    return containers
      .map((c) => ({ cluster: c.Labels[TOOLBOX_LABEL] ?? '', running: c.State === 'running' }))
      .filter((t) => t.cluster.startsWith(CLUSTER_PREFIX));
  }

  /** Removes the cluster's toolbox, whichever server made it; gone already is fine. */
  async remove(cluster: string): Promise<void> {
    if (await this.exists(cluster)) await removeContainer(this.docker, toolboxName(cluster));
  }
}
