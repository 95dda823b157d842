import path from 'node:path';
import { ContainerDriver } from '../../src/clusters/container/container.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';

/**
 * Settings for apps that reconcile their own KUBELAB_INSTANCE's container environments on the
 * real engine at start-up, over one database in `dbDir` (it outlives an app, as after a crash).
 * `containerOnly` gives just the container driver: other test files' kind-labelled containers
 * are not ours to judge.
 */
export function reconcilingContainerApp(instance: string, dbDir: string) {
  const env = {
    DATABASE_URL: `file:${path.join(dbDir, 'kubelab.db')}`,
    KUBELAB_LABS_DIR: path.resolve('test/fixtures/container-labs'),
    KUBELAB_DOCKER_HOST: 'unix:///var/run/docker.sock',
    KUBELAB_INSTANCE: instance,
    KUBELAB_RECONCILE: 'true',
  };
  const containerOnly = () => [
    new ContainerDriver(new AppConfigService(parseConfig(env)), new SystemClock()),
  ];
  return { env, containerOnly };
}
