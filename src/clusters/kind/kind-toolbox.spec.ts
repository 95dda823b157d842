import {
  isToolboxNode,
  toolboxContainerSpec,
  toolboxName,
  withToolboxes,
  type ListedCluster,
} from './kind-toolbox.js';

const SETTINGS = { image: 'kubelab/toolbox:1', memoryMb: 256, pidsLimit: 128, instance: 'main' };

describe(toolboxContainerSpec.name, () => {
  const spec = toolboxContainerSpec('kl-3f9a0c12', SETTINGS);

  it('names the container after its cluster and puts it on the cluster’s network', () => {
    expect(spec.name).toBe('kl-3f9a0c12-toolbox');
    expect(spec.HostConfig?.NetworkMode).toBe('kl-3f9a0c12');
  });

  it('labels it as kubelab’s, of this instance, for its cluster, and never as a kind node', () => {
    expect(spec.Labels).toEqual({
      'dev.kubelab.managed': 'true',
      'dev.kubelab.instance': 'main',
      'dev.kubelab.toolbox': 'kl-3f9a0c12',
    });
  });

  it('holds no privilege of the host: uid 1000, no capabilities, read-only, limited', () => {
    expect(spec.User).toBe('1000:1000');
    expect(spec.HostConfig).toMatchObject({
      Privileged: false,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Memory: 256 * 1024 * 1024,
      PidsLimit: 128,
    });
    expect(spec.HostConfig?.Binds).toBeUndefined();
    expect(spec.HostConfig?.Mounts).toBeUndefined();
    expect(spec.HostConfig?.CapAdd).toBeUndefined();
    expect(spec.HostConfig?.PortBindings).toBeUndefined();
  });

  it('gives the learner tmpfs only: home and kubelab’s files their own (0700), /tmp', () => {
    expect(spec.HostConfig?.Tmpfs).toEqual({
      '/home/lernender': expect.stringMatching(/uid=1000,gid=1000,mode=0700/) as unknown,
      '/run/kubelab': expect.stringMatching(/uid=1000,gid=1000,mode=0700,noexec/) as unknown,
      '/tmp': expect.stringMatching(/nosuid/) as unknown,
    });
    expect(spec.Env).toEqual(['HOME=/home/lernender', 'KUBECONFIG=/home/lernender/.kube/config']);
  });

  it('stays alive without a shell', () => {
    expect(spec.Cmd).toEqual(['sleep', 'infinity']);
    expect(spec.HostConfig?.Init).toBe(true);
  });
});

describe(isToolboxNode.name, () => {
  it.each([
    ['toolbox', true],
    [toolboxName('kl-a1'), true],
    ['control-plane', false],
    ['kl-a1-control-plane', false],
    ['kl-b2-toolbox', false],
  ])('%s → %s', (node, expected) => {
    expect(isToolboxNode('kl-a1', node)).toBe(expected);
  });
});

describe(withToolboxes.name, () => {
  const clusters = new Map<string, ListedCluster>([
    ['kl-b', { nodes: ['kl-b-control-plane'], running: true }],
    ['kl-c', { nodes: ['kl-c-control-plane'], running: true }],
    ['kl-d', { nodes: ['kl-d-control-plane'], running: false }],
  ]);

  it('keeps clusters as their nodes say while their toolbox runs, or when they have none', () => {
    const joined = withToolboxes(clusters, [
      { cluster: 'kl-b', running: true },
      { cluster: 'kl-d', running: true },
    ]);
    expect([...joined]).toEqual([...clusters]);
  });

  it('counts a cluster whose toolbox stopped as not running', () => {
    const joined = withToolboxes(clusters, [{ cluster: 'kl-c', running: false }]);
    expect(joined.get('kl-c')).toEqual({ nodes: ['kl-c-control-plane'], running: false });
  });

  it('lists a toolbox without nodes as a cluster of its own, not running, in name order', () => {
    const joined = withToolboxes(clusters, [{ cluster: 'kl-a', running: true }]);
    expect([...joined.keys()]).toEqual(['kl-a', 'kl-b', 'kl-c', 'kl-d']);
    expect(joined.get('kl-a')).toEqual({ nodes: [], running: false });
  });
});
