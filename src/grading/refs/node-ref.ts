import type { EnvironmentHandle, ClusterNode } from '../../clusters/environment-handle.js';
import { CannotCheckError } from '../check-errors.js';

/**
 * A node as labs name it: a role (`control-plane`, `worker` = the first worker), a name without
 * the cluster prefix (`worker2` → `kl-ab12cd-worker2`), or the full node name.
 */
export async function resolveNode(handle: EnvironmentHandle, name: string): Promise<ClusterNode> {
  const nodes = [...(await handle.nodes())].sort((a, b) => a.name.localeCompare(b.name));
  const found =
    name === 'control-plane' || name === 'worker'
      ? nodes.find((n) => n.role === name)
      : (nodes.find((n) => n.name === name) ??
        nodes.find((n) => n.name === `${handle.name}-${name}` || n.name.endsWith(`-${name}`)));
  if (!found) {
    throw new CannotCheckError(
      `Die Übung nennt den Knoten „${name}“, den dein Cluster nicht hat (${nodes.map((n) => n.name).join(', ') || 'keine Knoten'}). Bitte gib der Kursleitung Bescheid.`,
    );
  }
  return found;
}
