import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import Docker from 'dockerode';
import { removeLeakedNetworks } from '../../src/clusters/container/container-networks.js';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { ensureBusyboxImage } from '../support/test-images.js';

describeWithDocker(`${removeLeakedNetworks.name} against a real Docker engine`, () => {
  const docker = new Docker();
  const stamp = Date.now().toString(36);
  const instance = `netint-${stamp}`;
  const labels = (of: string) => ({
    'dev.kubelab.managed': 'true',
    'dev.kubelab.instance': of,
  });
  const net = (suffix: string) => `kl-ni${stamp}-${suffix}`;
  const exists = async (name: string) =>
    (await docker.listNetworks({ filters: { name: [name] } })).some((n) => n.Name === name);
  const make = (name: string, withLabels?: Record<string, string>) =>
    docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: withLabels });

  // Docker's refusal of the busy network is logged; the test reads it instead of the console.
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  beforeEach(() => warn.mockClear());

  afterAll(async () => {
    warn.mockRestore();
    await docker
      .getContainer(net('busy'))
      .remove({ force: true })
      .catch(() => undefined);
    for (const n of await docker.listNetworks())
      if (n.Name.includes(`ni${stamp}`)) await docker.getNetwork(n.Id).remove();
  });

  it("removes this instance's unused networks only: never kept, foreign, unlabelled or busy ones", async () => {
    await make(net('leak'), labels(instance));
    await make(net('kept'), labels(instance));
    await make(net('foreign'), labels(`${instance}-other`));
    await make(net('plain'));
    await make(net('busy'), labels(instance));
    const busy = await docker.createContainer({
      name: net('busy'),
      Image: await ensureBusyboxImage(docker),
      Cmd: ['sleep', '3600'],
      HostConfig: { NetworkMode: net('busy') },
    });
    await busy.start();

    const removed = await removeLeakedNetworks(docker, instance, () =>
      Promise.resolve(new Set([net('kept')])),
    );

    expect(removed).toEqual([net('leak')]);
    expect(await exists(net('leak'))).toBe(false);
    for (const name of [net('kept'), net('foreign'), net('plain'), net('busy')])
      expect(await exists(name)).toBe(true);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(new RegExp(`${net('busy')} not removed: .*active endpoints`)),
    ]);
  }, 60_000);

  it('leaves a network made while it runs: the kept names are read after the listing', async () => {
    const removed = await removeLeakedNetworks(docker, instance, async () => {
      await make(net('late'), labels(instance));
      return new Set([net('kept')]);
    });
    expect(removed).toEqual([]);
    expect(await exists(net('late'))).toBe(true);
  });
});
