import type Docker from 'dockerode';

/** Removes the node containers and networks the stand-in kind made for clusters named `prefix…`. */
export async function removeStandInClusters(docker: Docker, prefix: string): Promise<void> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: ['io.x-k8s.kind.cluster'] },
  });
  await Promise.all(
    containers
      .filter((c) => c.Labels['io.x-k8s.kind.cluster']?.startsWith(prefix))
      .map((c) => docker.getContainer(c.Id).remove({ force: true })),
  );
  for (const n of await docker.listNetworks())
    if (n.Name.startsWith(prefix)) await docker.getNetwork(n.Id).remove();
}
