import type { ClusterNode } from '../clusters/environment-handle.js';

/** A node as learners name it in `knoten`: the full name, without the cluster prefix, or the role. */
export function findNode(
  nodes: readonly ClusterNode[],
  cluster: string,
  word: string,
): ClusterNode | undefined {
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
  return (
    sorted.find((n) => n.name === word) ??
    sorted.find((n) => n.name === `${cluster}-${word}`) ??
    sorted.find((n) => n.role === word)
  );
}

/** `kl-ab12cd34-worker2` → `worker2`, as the learner's cluster shows it. */
export function shortName(node: string, cluster: string): string {
  return node.startsWith(`${cluster}-`) ? node.slice(cluster.length + 1) : node;
}
