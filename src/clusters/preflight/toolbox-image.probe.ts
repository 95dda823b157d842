import Docker from 'dockerode';
import type { DockerTarget } from '../docker/docker-endpoint.js';
import type { PreflightItem } from './preflight.types.js';

/** On the toolbox image (scripts/images/build-toolbox-image.sh): `present` or `absent`. */
export const TOOLBOX_KUBECTL_LABEL = 'dev.kubelab.toolbox.kubectl';

const BUILD = 'scripts/images/build-toolbox-image.sh';

export type ToolboxImageState = 'present' | 'missing' | 'without-kubectl';

/**
 * Shared mode: a kind lab's terminal is the toolbox, and a toolbox without kubectl is no
 * terminal for a Kubernetes lab. Its kubectl comes out of the node image, so that image must be
 * on the engine when the toolbox is built.
 */
export function toolboxImageItem(image: string, state: ToolboxImageState): PreflightItem {
  const base = { id: 'toolbox-image', label: `toolbox image ${image}`, required: true };
  if (state === 'present') return { ...base, ok: true, found: 'present, with kubectl' };
  const fix = `KUBELAB_KIND_NODE_IMAGE=<node image> ${BUILD} ${image}`;
  if (state === 'missing')
    return {
      ...base,
      ok: false,
      found: 'missing',
      problem: `The toolbox image ${image} is not on the Docker engine; shared mode gives kind labs no terminal without it`,
      fixEn: `Build it once the kind node image is there: ${fix}`,
      problemDe: `Das Toolbox-Image ${image} (das Terminal der Kubernetes-Übungen im Modus shared) fehlt auf der Docker-Engine.`,
      fixDe: `Bauen, sobald das Knoten-Image für kind da ist: ${fix}`,
    };
  return {
    ...base,
    ok: false,
    found: 'without kubectl',
    problem: `The toolbox image ${image} was built without kubectl (no kind node image on the engine then)`,
    fixEn: `Build it again now that the kind node image is there: ${fix}`,
    problemDe: `Das Toolbox-Image ${image} wurde ohne kubectl gebaut (damals fehlte das Knoten-Image für kind).`,
    fixDe: `Neu bauen, jetzt mit dem Knoten-Image für kind: ${fix}`,
  };
}

export async function probeToolboxImage(
  target: DockerTarget,
  image: string,
): Promise<PreflightItem> {
  const docker = new Docker({ ...target.options, timeout: 10_000 });
  let labels: Record<string, string> | undefined;
  try {
    labels = (await docker.getImage(image).inspect()).Config.Labels ?? {};
  } catch {
    return toolboxImageItem(image, 'missing');
  }
  return toolboxImageItem(
    image,
    labels[TOOLBOX_KUBECTL_LABEL] === 'present' ? 'present' : 'without-kubectl',
  );
}
