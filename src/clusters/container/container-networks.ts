import { Logger } from '@nestjs/common';
import type Docker from 'dockerode';
import { CONTAINER_LABELS } from './container-labels.js';

const logger = new Logger('ContainerNetworks');

/**
 * Removes the networks kubelab labelled for container environments of one instance
 * (KUBELAB_INSTANCE) whose name `keep` does not return; another server's networks and
 * unlabelled ones are never touched. Removal goes by id (Docker allows two networks of one
 * name) and never by force: Docker refuses a network a running container still uses.
 * `keep` is called after the listing, so a network made meanwhile is never in the list.
 * Returns the names removed.
 */
export async function removeLeakedNetworks(
  docker: Docker,
  instance: string,
  keep: () => Promise<ReadonlySet<string>>,
): Promise<string[]> {
  const networks = await docker.listNetworks({
    filters: {
      label: [`${CONTAINER_LABELS.managed}=true`, `${CONTAINER_LABELS.instance}=${instance}`],
    },
  });
  const kept = await keep();
  const removed: string[] = [];
  for (const network of networks) {
    if (!/^kl-[a-z0-9-]+$/.test(network.Name) || kept.has(network.Name)) continue;
    try {
      await docker.getNetwork(network.Id).remove();
      removed.push(network.Name);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) continue;
      logger.warn(`Network ${network.Name} not removed: ${String(error)}`);
    }
  }
  return removed.sort();
}
