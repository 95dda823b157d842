import { cgroupItem, probeDocker } from './docker.probe.js';

describe(cgroupItem.name, () => {
  it('warns on cgroup v1 that Kubernetes deprecates it, without refusing', () => {
    const item = cgroupItem('1');
    expect(item).toMatchObject({
      id: 'cgroup-version',
      ok: false,
      required: false,
      found: 'cgroup v1',
    });
    expect(item.problem).toContain('failCgroupV1: false');
    expect(item.fixEn).toContain('systemd.unified_cgroup_hierarchy=1');
  });

  it.each(['2', undefined])('is fine for %s', (version) => {
    expect(cgroupItem(version).ok).toBe(true);
  });
});

describe(probeDocker.name, () => {
  it('says for a remote engine that does not answer what that host needs, not how to install Docker here', async () => {
    const item = await probeDocker({
      endpoint: 'tcp://127.0.0.1:1',
      options: { host: '127.0.0.1', port: 1, protocol: 'http' },
    });
    expect(item).toMatchObject({ id: 'docker', ok: false, required: true });
    expect(item.problem).toContain('tcp://127.0.0.1:1');
    expect(item.fixEn).toContain('KUBELAB_DOCKER_HOSTS');
    expect(item.fixEn).not.toContain('apt-get');
  });

  it('says how to install and start Docker here for a local socket that does not answer', async () => {
    const item = await probeDocker({
      endpoint: 'unix:///nonexistent/docker.sock',
      options: { socketPath: '/nonexistent/docker.sock' },
    });
    expect(item).toMatchObject({ ok: false });
    expect(item.fixEn).toContain('apt-get install -y docker.io');
  });
});
