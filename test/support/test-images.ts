import Docker from 'dockerode';
import { execa } from 'execa';

export const BUSYBOX_IMAGE = 'kubelab/test-busybox:1';

/** Builds the tiny busybox image with `docker import` unless it is there already. */
export async function ensureBusyboxImage(docker = new Docker()): Promise<string> {
  const images = await docker.listImages({ filters: { reference: [BUSYBOX_IMAGE] } });
  if (images.length === 0) await execa('scripts/images/build-busybox-image.sh', [BUSYBOX_IMAGE]);
  return BUSYBOX_IMAGE;
}

export const NETLAB_IMAGE = 'kubelab/netlab:2';

/** Lab 00's image, made offline with debootstrap + `docker import` (~1 min) unless present. */
export async function ensureNetlabImage(docker = new Docker()): Promise<string> {
  const images = await docker.listImages({ filters: { reference: [NETLAB_IMAGE] } });
  if (images.length === 0) await execa('scripts/images/build-netlab-image.sh', [NETLAB_IMAGE]);
  return NETLAB_IMAGE;
}

export const TOOLBOX_IMAGE = 'kubelab/toolbox:1';

/**
 * Shared mode's terminal image, built on netlab unless present. Without a kind node image on
 * the engine (CI) it has no kubectl; these tests never need it.
 */
export async function ensureToolboxImage(docker = new Docker()): Promise<string> {
  await ensureNetlabImage(docker);
  const images = await docker.listImages({ filters: { reference: [TOOLBOX_IMAGE] } });
  if (images.length === 0) await execa('scripts/images/build-toolbox-image.sh', [TOOLBOX_IMAGE]);
  return TOOLBOX_IMAGE;
}
