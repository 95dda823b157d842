import {
  assertKubelabClusterName,
  isKubelabClusterName,
  kubeconfigPath,
} from './kind-cluster-name.js';

describe(isKubelabClusterName.name, () => {
  it.each(['kl-3f9a0c1d', 'kl-test-lz1x2'])('accepts %s', (name) => {
    expect(isKubelabClusterName(name)).toBe(true);
  });

  it.each([
    'kind',
    'kl-',
    'KL-abc',
    'xkl-abc',
    'kl-../etc',
    'kl-a/b',
    'kl-a.b',
    'kl-a b',
    `kl-${'a'.repeat(42)}`,
  ])('refuses %s', (name) => {
    expect(isKubelabClusterName(name)).toBe(false);
    expect(() => assertKubelabClusterName(name)).toThrow(/Refusing to touch cluster/);
  });
});

describe(kubeconfigPath.name, () => {
  it('is one file per cluster in the cluster folder, and never outside it', () => {
    expect(kubeconfigPath('/data/clusters', 'kl-3f9a0c1d')).toBe(
      '/data/clusters/kl-3f9a0c1d.kubeconfig',
    );
    expect(() => kubeconfigPath('/data/clusters', '../../etc/passwd')).toThrow();
  });
});
