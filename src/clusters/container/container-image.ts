import path from 'node:path';
import type Docker from 'dockerode';
import { DriverError } from '../environment-driver.js';

const DOCKERFILE_DIR = path.resolve(import.meta.dirname, '../../../docker/netlab');

export async function imageExists(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the lab image from docker/netlab/Dockerfile when it is missing. That needs a
 * registry for the Debian base image; without one the error says how to make it offline.
 */
export async function ensureImage(
  docker: Docker,
  image: string,
  onBuild: () => void,
): Promise<void> {
  if (await imageExists(docker, image)) return;
  onBuild();
  try {
    const stream = await docker.buildImage(
      { context: DOCKERFILE_DIR, src: ['Dockerfile', 'packages.txt', 'rootfs'] },
      { t: image },
    );
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = error?.message ?? output.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      });
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DriverError(
      `building ${image} failed: ${detail}`,
      'Das Image für diese Übung fehlt und konnte nicht gebaut werden. Bitte gib der Kursleitung Bescheid.',
      `${detail}\nWithout a registry, build it with: scripts/images/build-netlab-image.sh ${image}`,
    );
  }
}
