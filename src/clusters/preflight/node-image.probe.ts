import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import type { PreflightItem } from './preflight.types.js';

const OFFLINE_BUILD = 'scripts/kind-offline/build.sh';

/**
 * kind pulls a missing node image when it creates the first cluster: minutes with a registry,
 * a failed session without one. A lab is offered only once the image is on the engine.
 */
export function nodeImageItem(image: string, present: boolean | 'kind default'): PreflightItem {
  const base = { id: 'kind-node-image', label: `kind node image ${image}`, required: true };
  if (present === 'kind default')
    return { ...base, label: 'kind node image', ok: true, found: "kind's default image" };
  if (present) return { ...base, ok: true, found: 'present' };
  return {
    ...base,
    ok: false,
    found: 'missing',
    problem: `The kind node image ${image} is not on the Docker engine; kind would have to pull it when a learner starts a lab`,
    fixEn: `docker pull ${image}, or without a registry build it with ${OFFLINE_BUILD} and set KUBELAB_KIND_NODE_IMAGE.`,
    problemDe: `Das Knoten-Image ${image} für kind fehlt auf der Docker-Engine.`,
    fixDe: `docker pull ${image} ausführen oder ohne Registry mit ${OFFLINE_BUILD} bauen und KUBELAB_KIND_NODE_IMAGE setzen.`,
  };
}

export async function probeNodeImage(target: DockerTarget, image: string): Promise<PreflightItem> {
  if (!image) return nodeImageItem(image, 'kind default');
  const docker = new Docker({ ...target.options, timeout: 10_000 });
  try {
    await docker.getImage(image).inspect();
    return nodeImageItem(image, true);
  } catch {
    return nodeImageItem(image, false);
  }
}
