import type Docker from 'dockerode';
import { probeAddressPools, type DockerNetworkSource } from './address-pools.probe.js';

const network = (Name: string, subnets: string[], Scope = 'local') =>
  ({
    Name,
    Scope,
    IPAM: { Config: subnets.map((Subnet) => ({ Subnet })) },
  }) as Docker.NetworkInspectInfo;

/** A Docker engine as the probe sees it: `docker info` and the network list. */
function engine(
  networks: Docker.NetworkInspectInfo[],
  pools: { Base: string; Size: number }[] | null = null,
): DockerNetworkSource {
  return {
    info: () => Promise.resolve({ DefaultAddressPools: pools }),
    listNetworks: () => Promise.resolve(networks),
  };
}

/** The default bridge plus n networks, each taking one /16 (or /20) of the built-in pools. */
const builtInNetworks = (n: number, prefix = 'kl-') => [
  network('bridge', ['172.17.0.0/16']),
  network('host', []),
  ...Array.from({ length: n }, (_, i) =>
    network(
      `${prefix}${i}`,
      i < 14
        ? [`172.${18 + i}.0.0/16`, `fc00:f853:ccd:e7${i}::/64`]
        : [`192.168.${(i - 14) * 16}.0/20`],
    ),
  ),
];

describe(probeAddressPools.name, () => {
  it("is ok while Docker's built-in pools have room for every environment still allowed", async () => {
    const item = await probeAddressPools(engine(builtInNetworks(2)), 20);
    expect(item).toMatchObject({
      id: 'docker-address-pools',
      required: false,
      ok: true,
      found:
        "3 of 31 subnets in use (Docker's built-in pools), room for 28 more networks; 2 kubelab networks, KUBELAB_MAX_CLUSTERS=20",
    });
    expect(item.fixEn).toBeUndefined();
  });

  it('warns with the daemon.json fix in English and German when the pools run short', async () => {
    const item = await probeAddressPools(engine(builtInNetworks(25, 'other-')), 20);
    expect(item.ok).toBe(false);
    expect(item.problem).toContain('room for 5 more networks, but KUBELAB_MAX_CLUSTERS allows 20');
    expect(item.fixEn).toContain('/etc/docker/daemon.json');
    expect(item.fixEn).toContain('"default-address-pools"');
    expect(item.problemDe).toContain('nur noch Adressbereiche für 5 weitere Netzwerke');
    expect(item.fixDe).toContain('/etc/docker/daemon.json');
    expect(item.fixDe).toContain('KUBELAB_MAX_CLUSTERS senken');
  });

  it("counts kubelab's own networks as environments already made", async () => {
    // 26 of 31 used, 25 of them kubelab's: the 5 left cover the 5 more that 30 allow.
    expect((await probeAddressPools(engine(builtInNetworks(25)), 30)).ok).toBe(true);
    expect((await probeAddressPools(engine(builtInNetworks(25)), 31)).ok).toBe(false);
  });

  it('reads the pools daemon.json configures', async () => {
    const item = await probeAddressPools(
      engine(
        [network('bridge', ['172.17.0.0/16']), network('kl-a', ['10.210.0.0/24'])],
        [{ Base: '10.210.0.0/16', Size: 24 }],
      ),
      100,
    );
    expect(item).toMatchObject({
      ok: true,
      found:
        '1 of 256 subnets in use (default-address-pools), room for 255 more networks; 1 kubelab networks, KUBELAB_MAX_CLUSTERS=100',
    });
  });

  it('leaves out swarm networks, which come from the global pools', async () => {
    const item = await probeAddressPools(
      engine([network('ingress', ['172.18.0.0/16'], 'swarm')]),
      20,
    );
    expect(item.found).toMatch(/^0 of 31 subnets in use/);
  });

  it('warns, without failing, when Docker does not answer', async () => {
    const docker = {
      info: () => Promise.reject(new Error('connect ENOENT /var/run/docker.sock')),
      listNetworks: () => Promise.resolve([]),
    } as unknown as DockerNetworkSource;
    expect(await probeAddressPools(docker, 20)).toMatchObject({
      ok: false,
      required: false,
      found: 'not determined',
      problem: expect.stringContaining('connect ENOENT'),
    });
  });
});
