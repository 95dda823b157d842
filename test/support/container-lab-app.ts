import type Docker from 'dockerode';
import { ensureNetlabImage } from './test-images.js';
import { createTestApp, type TestContext } from './test-app.js';

/**
 * A test app serving the labs in `labsDir` in container environments on the local Docker engine,
 * once lab 00's image is there (made offline if it is not, ~1 min).
 */
export async function createContainerLabApp(docker: Docker, labsDir: string): Promise<TestContext> {
  await ensureNetlabImage(docker);
  return createTestApp({
    env: { KUBELAB_LABS_DIR: labsDir, KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock' },
  });
}
