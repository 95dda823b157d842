import path from 'node:path';

/** kind's Docker labels on every node container (pkg/cluster/internal/providers/docker/constants.go). */
export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
export const KIND_ROLE_LABEL = 'io.x-k8s.kind.role';

export const CLUSTER_PREFIX = 'kl-';

/**
 * Clusters `labs:test` makes and deletes itself. A server's start-up reconciliation leaves them
 * alone: an instructor may test a lab on the host while the server (re)starts.
 */
export const LAB_TEST_PREFIX = 'kl-labtest-';

export function isLabTestCluster(name: string): boolean {
  return name.startsWith(LAB_TEST_PREFIX);
}

/**
 * kubelab's cluster names: `kl-` and lower-case letters, digits, dashes. The name becomes a file
 * name and a Docker network name, so nothing else is accepted; and a name without the prefix is
 * never kubelab's to touch.
 */
const CLUSTER_NAME = /^kl-[a-z0-9][a-z0-9-]{0,40}$/;

export function isKubelabClusterName(name: string): boolean {
  return CLUSTER_NAME.test(name);
}

export function assertKubelabClusterName(name: string): void {
  if (!isKubelabClusterName(name))
    throw new Error(
      `Refusing to touch cluster "${name}": not a kubelab cluster name (${CLUSTER_NAME.source})`,
    );
}

export function kubeconfigPath(clusterDir: string, name: string): string {
  assertKubelabClusterName(name);
  return path.join(clusterDir, `${name}.kubeconfig`);
}
