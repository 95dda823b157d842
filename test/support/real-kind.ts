import Docker from 'dockerode';
import { execa } from 'execa';
import { chromiumAvailable } from '../browser/support/chromium.js';
import { dockerAvailable } from './docker.js';

/**
 * What the real-kind tests need: kind (KUBELAB_KIND_BIN, default `kind`) and a node image on the
 * Docker engine (KUBELAB_KIND_NODE_IMAGE, e.g. from scripts/kind-offline/build.sh). CI builds no
 * node image (scripts/kind-offline takes longer than CI's budget), so they are skipped there,
 * reported with the reason.
 */
export const KIND_BIN = process.env.KUBELAB_KIND_BIN ?? 'kind';
export const NODE_IMAGE = process.env.KUBELAB_KIND_NODE_IMAGE ?? 'kindest/node:v1.37.0';
export const TOOLBOX_IMAGE = process.env.KUBELAB_TOOLBOX_IMAGE ?? 'kubelab/toolbox:1';

/** Why a real-kind test cannot run here, or undefined when it can. */
export async function missingForRealKind(
  needs: { chromium?: boolean; toolbox?: boolean } = {},
): Promise<string | undefined> {
  if (needs.chromium && !chromiumAvailable()) return 'no Chromium';
  if (!(await dockerAvailable())) return 'no Docker engine';
  const kind = await execa(KIND_BIN, ['version'], { reject: false });
  if (kind.failed) return `no kind CLI at ${KIND_BIN}`;
  const docker = new Docker();
  try {
    await docker.getImage(NODE_IMAGE).inspect();
  } catch {
    return `node image ${NODE_IMAGE} is not on the Docker engine (scripts/kind-offline/build.sh makes one)`;
  }
  if (needs.toolbox) {
    const labels = await docker
      .getImage(TOOLBOX_IMAGE)
      .inspect()
      .then((image) => image.Config.Labels ?? {})
      .catch(() => undefined);
    if (labels?.['dev.kubelab.toolbox.kubectl'] !== 'present')
      return `toolbox image ${TOOLBOX_IMAGE} with kubectl is not on the Docker engine (scripts/images/build-toolbox-image.sh makes one once the node image is there)`;
  }
  return undefined;
}
