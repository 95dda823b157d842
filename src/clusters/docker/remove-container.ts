import type Docker from 'dockerode';
import { poll } from '../../common/poll.js';

/** Removes a container with its anonymous volumes; one that another call is already removing is waited for. */
export async function removeContainer(docker: Docker, name: string): Promise<void> {
  try {
    await ignoreNotFound(docker.getContainer(name).remove({ force: true, v: true }));
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    const gone = () =>
      docker
        .getContainer(name)
        .inspect()
        .then(
          () => false,
          () => true,
        );
    if (!(await poll(gone, (isGone) => isGone, { intervalMs: 200, attempts: 100 }))) throw error;
  }
}

/** Awaits a Docker call; "not found" counts as done. */
export async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
