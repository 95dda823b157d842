import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { ClusterSpec } from '../../labs/schema/lab.schema.js';

/**
 * The kind config kubelab generates (kind.x-k8s.io/v1alpha4 `Cluster`); field names as in kind's
 * pkg/apis/config/v1alpha4/types.go (see test/fixtures/upstream/kind/kind-facts.yaml, `config_api`).
 * The cluster name is not part of it: it is passed with `--name`, so one config (and one profile
 * hash) serves every cluster of the same shape.
 */
export interface KindClusterConfig {
  apiVersion: 'kind.x-k8s.io/v1alpha4';
  kind: 'Cluster';
  networking: {
    apiServerAddress: string;
    apiServerPort?: -1;
    disableDefaultCNI: boolean;
    kubeProxyMode: ClusterSpec['kubeProxyMode'];
    podSubnet: string;
    serviceSubnet: string;
  };
  nodes: { role: 'control-plane' | 'worker'; image?: string }[];
  kubeadmConfigPatches: string[];
}

/**
 * kubelet ≥ 1.35 refuses to start on a cgroup v1 host unless told otherwise (KEP-5573); kind
 * ≥ v0.32 only warns. Many hosts still run cgroup v1 (these machines do), so every generated
 * config carries the patch: it changes nothing on a cgroup v2 host, and one config per lab keeps
 * one pool profile whatever host a cluster lands on. Node images older than Kubernetes 1.31 do
 * not know the field.
 */
export const KUBELET_ALLOW_CGROUP_V1_PATCH = [
  'apiVersion: kubelet.config.k8s.io/v1beta1',
  'kind: KubeletConfiguration',
  'failCgroupV1: false',
  '',
].join('\n');

/**
 * Where kind publishes the API server on the engine's host (`--publish=<address>:<port>:6443`),
 * which is also where its kubeconfig points and a name in the API server's certificate (kind's
 * kubeadm config: `certSANs: [localhost, <apiServerAddress>]`).
 */
export interface ApiServerListen {
  /** An IP address of the engine's host. */
  address: string;
  /**
   * -1: Docker picks the host port. Left out, kind picks a free port by listening on the
   * address itself, which only works where kind runs on the engine's host.
   */
  port?: -1;
}

/** A local engine: kind's default, the API server on the loopback of kubelab's own host. */
export const LOCAL_API_SERVER: ApiServerListen = { address: '127.0.0.1' };

/**
 * `nodeImage` empty: the nodes carry no image and kind uses its own pinned default. `apiServer`
 * depends on the engine a cluster is created on, so profiles (profileHash) are taken without it.
 */
export function kindConfig(
  cluster: ClusterSpec,
  nodeImage: string,
  apiServer: ApiServerListen = LOCAL_API_SERVER,
): KindClusterConfig {
  const node = (role: 'control-plane' | 'worker') =>
    nodeImage ? { role, image: nodeImage } : { role };
  return {
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    kind: 'Cluster',
    networking: {
      apiServerAddress: apiServer.address,
      ...(apiServer.port ? { apiServerPort: apiServer.port } : {}),
      disableDefaultCNI: cluster.disableDefaultCNI,
      kubeProxyMode: cluster.kubeProxyMode,
      podSubnet: cluster.podSubnet,
      serviceSubnet: cluster.serviceSubnet,
    },
    nodes: [
      node('control-plane'),
      ...Array.from({ length: cluster.workers }, () => node('worker')),
    ],
    kubeadmConfigPatches: [KUBELET_ALLOW_CGROUP_V1_PATCH],
  };
}

/** Canonical YAML: keys sorted at every level, so equal configs give equal text. */
export function kindConfigYaml(config: KindClusterConfig): string {
  return stringify(config, { sortMapEntries: true, lineWidth: 0 });
}

/** The cluster profile: sha256 (hex) of the canonical YAML. Pools are kept per profile. */
export function profileHash(config: KindClusterConfig): string {
  return createHash('sha256').update(kindConfigYaml(config)).digest('hex');
}
