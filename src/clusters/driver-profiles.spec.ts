import { SystemClock } from '../common/adapters/clock.js';
import { AppConfigService } from '../config/app-config.js';
import { parseConfig } from '../config/config.schema.js';
import { clusterSchema, containerSchema } from '../labs/schema/lab.schema.js';
import { ContainerDriver } from './container/container.driver.js';
import { KindDriver } from './kind/kind.driver.js';

const config = (env: Record<string, string> = {}) => new AppConfigService(parseConfig(env));
const cluster = (block: object = {}) => clusterSchema.parse(block);
const container = (block: object = {}) => containerSchema.parse(block);

describe('profileOf: the pool profile each driver defines', () => {
  describe(KindDriver.name, () => {
    const kind = (env: Record<string, string> = {}) =>
      new KindDriver(config(env), new SystemClock());

    it('changes with the configured node image, so another image is never handed out', () => {
      const spec = { cluster: cluster() };
      const old = kind({ KUBELAB_KIND_NODE_IMAGE: 'kindest/node:v1.32.2' }).profileOf(spec);
      const current = kind({ KUBELAB_KIND_NODE_IMAGE: 'kindest/node:v1.33.1' }).profileOf(spec);
      expect(old).toMatch(/^[0-9a-f]{64}$/);
      expect(current).not.toBe(old);
    });

    it('follows the generated kind config: equal blocks share, other shapes do not', () => {
      const driver = kind();
      const base = driver.profileOf({ cluster: cluster() });
      expect(driver.profileOf({ cluster: cluster({ networkPolicy: true }) })).toBe(base);
      expect(driver.profileOf({ cluster: cluster({ workers: 1 }) })).not.toBe(base);
    });

    it('does not depend on the engines, so a pooled cluster on any engine serves the lab', () => {
      const spec = { cluster: cluster() };
      const remote = kind({
        KUBELAB_DOCKER_HOSTS:
          'a=unix:///var/run/docker.sock?capacity=2 b=tcp://10.0.0.2:2376?capacity=8&address=10.0.0.2',
      });
      expect(remote.profileOf(spec)).toBe(kind().profileOf(spec));
    });

    it('covers the toolbox in shared mode: a cluster made without one, or with another, is never handed out', () => {
      const spec = { cluster: cluster() };
      const local = kind().profileOf(spec);
      const shared = kind({ KUBELAB_MODE: 'shared' }).profileOf(spec);
      const otherImage = kind({
        KUBELAB_MODE: 'shared',
        KUBELAB_TOOLBOX_IMAGE: 'kubelab/toolbox:2',
      }).profileOf(spec);
      const otherLimit = kind({
        KUBELAB_MODE: 'shared',
        KUBELAB_TOOLBOX_MEMORY_MB: '512',
      }).profileOf(spec);
      expect(shared).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set([local, shared, otherImage, otherLimit]).size).toBe(4);
      expect(kind({ KUBELAB_TOOLBOX_IMAGE: 'kubelab/toolbox:2' }).profileOf(spec)).toBe(local);
    });
  });

  describe(ContainerDriver.name, () => {
    const driver = (env: Record<string, string> = {}) =>
      new ContainerDriver(config(env), new SystemClock());

    it('is the image: no container block means the configured one', () => {
      const d = driver();
      const base = d.profileOf({ cluster: cluster(), container: container() });
      expect(base).toMatch(/^[0-9a-f]{64}$/);
      expect(d.profileOf({ cluster: cluster() })).toBe(base);
      expect(
        d.profileOf({ cluster: cluster(), container: container({ image: 'kubelab/other:1' }) }),
      ).not.toBe(base);
    });

    it('refuses capabilities in a lab: a container environment never gets any', () => {
      expect(() => container({ capabilities: ['NET_ADMIN'] })).toThrow(/capabilities/);
    });

    it('changes with the configured default image and limits', () => {
      const spec = { cluster: cluster() };
      const base = driver().profileOf(spec);
      expect(driver({ KUBELAB_CONTAINER_IMAGE: 'kubelab/netlab:3' }).profileOf(spec)).not.toBe(
        base,
      );
      expect(driver({ KUBELAB_CONTAINER_MEMORY_MB: '512' }).profileOf(spec)).not.toBe(base);
    });
  });
});
