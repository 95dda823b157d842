import { cgroupItem } from './docker.probe.js';

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
