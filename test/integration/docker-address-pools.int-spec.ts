import Docker from 'dockerode';
import { dockerTarget } from '../../src/clusters/docker/docker-endpoint.js';
import {
  probeAddressPools,
  probeAddressPoolsAt,
} from '../../src/clusters/preflight/address-pools.probe.js';
import { KindDriver } from '../../src/clusters/kind/kind.driver.js';
import { SystemClock } from '../../src/common/adapters/clock.js';
import { AppConfigService } from '../../src/config/app-config.js';
import { parseConfig } from '../../src/config/config.schema.js';
import { describeWithDocker } from '../support/describe-with-docker.js';

const ENDPOINT = 'unix:///var/run/docker.sock';

function counts(found: string | undefined) {
  const match =
    /^(\d+) of (\d+) subnets in use \(.+\), room for (\d+) more networks; (\d+) kubelab networks/.exec(
      found ?? '',
    );
  if (!match) throw new Error(`unexpected found: ${found}`);
  const [used, total, free, ours] = match.slice(1).map(Number);
  return { used, total, free, ours };
}

describeWithDocker('Docker address pools against a real Docker engine', () => {
  const docker = new Docker({ socketPath: '/var/run/docker.sock' });
  const name = `kl-pools${Date.now().toString(36)}`;

  beforeAll(async () => {
    // Like kind and the container driver: a bridge network whose subnet Docker picks.
    await docker.createNetwork({ Name: name, Driver: 'bridge' });
  });
  afterAll(async () => {
    await docker.getNetwork(name).remove();
  });

  it("reads the engine's pools and networks, the default bridge counted", async () => {
    const item = await probeAddressPoolsAt(dockerTarget(ENDPOINT), 1);
    const info = (await docker.info()) as { DefaultAddressPools?: unknown[] | null };
    const { used, total, free, ours } = counts(item.found);
    if (!info.DefaultAddressPools?.length) expect(total).toBe(31);
    expect(used).toBeGreaterThanOrEqual(2);
    expect(free).toBe(total - used);
    expect(ours).toBeGreaterThanOrEqual(1);
  });

  it("counts a network made from the engine's pools as one subnet taken and one kubelab network", async () => {
    // One snapshot of the engine, so that other test files' networks cannot move the counts.
    const info: unknown = await docker.info();
    const networks = await docker.listNetworks();
    const source = (list: Docker.NetworkInspectInfo[]) =>
      ({
        info: () => Promise.resolve(info),
        listNetworks: () => Promise.resolve(list),
      }) as unknown as Pick<Docker, 'info' | 'listNetworks'>;
    const without = counts(
      (await probeAddressPools(source(networks.filter((n) => n.Name !== name)), 1)).found,
    );
    const withOurs = counts((await probeAddressPools(source(networks), 1)).found);
    expect(withOurs.used).toBe(without.used + 1);
    expect(withOurs.ours).toBe(without.ours + 1);
  });

  it('warns with the daemon.json fix when KUBELAB_MAX_CLUSTERS asks for more than is left', async () => {
    const item = await probeAddressPoolsAt(dockerTarget(ENDPOINT), 100_000);
    expect(item).toMatchObject({ ok: false, required: false });
    expect(item.fixEn).toContain('default-address-pools');
    expect(item.fixDe).toContain('/etc/docker/daemon.json');
  });

  it('is part of the kind preflight that /readyz and npm run doctor show, as a warning only', async () => {
    const config = new AppConfigService(
      parseConfig({
        KUBELAB_DOCKER_HOST: ENDPOINT,
        KUBELAB_KIND_BIN: '/nonexistent/kind',
        KUBELAB_KIND_NODE_IMAGE: '',
        KUBELAB_MAX_CLUSTERS: '100000',
      }),
    );
    const report = await new KindDriver(config, new SystemClock()).preflight();
    const item = report.items.find((i) => i.id === 'docker-address-pools');
    expect(item).toMatchObject({ ok: false, required: false });
    expect(report.items.filter((i) => i.required && !i.ok).map((i) => i.id)).toEqual(['kind']);
  });
});
