import Docker from 'dockerode';

/**
 * Whether a Docker engine answers. Tests that need one run only then; otherwise they are
 * reported as skipped, and with KUBELAB_REQUIRE_DOCKER=1 (CI) a missing engine fails the run.
 */
export async function dockerAvailable(socketPath = '/var/run/docker.sock'): Promise<boolean> {
  try {
    await new Docker({ socketPath, timeout: 2000 }).ping();
    return true;
  } catch {
    if (process.env.KUBELAB_REQUIRE_DOCKER === '1') {
      throw new Error('KUBELAB_REQUIRE_DOCKER=1 but no Docker engine answers at ' + socketPath);
    }
    return false;
  }
}
