import { list, namespace, networkPolicy, pod } from '../../../test/support/k8s-objects.js';
import { ClusterStateError, collectObjects, parseClusterState } from './cluster-state.js';
import { parseManifestText } from './manifest-text.js';

describe(parseClusterState.name, () => {
  it('reads nested Lists and arrays, ignoring other kinds', () => {
    const service = { kind: 'Service', metadata: { name: 's', namespace: 'x' } };
    const state = parseClusterState([
      list(namespace('x'), list(pod('x/a'), service)),
      [networkPolicy('x/p', {})],
    ]);
    expect(state.namespaces.map((n) => n.name)).toEqual(['x']);
    expect(state.pods.map((p) => p.name)).toEqual(['a']);
    expect(state.policies.map((p) => p.name)).toEqual(['p']);
  });

  it('adds the kubernetes.io/metadata.name label and namespaces only referenced', () => {
    const state = parseClusterState([namespace('x', { team: 'a' }), pod('y/a')]);
    expect(state.namespaces).toEqual([
      { name: 'x', labels: { team: 'a', 'kubernetes.io/metadata.name': 'x' } },
      { name: 'y', labels: { 'kubernetes.io/metadata.name': 'y' } },
    ]);
  });

  it('reads pod IP and container ports with TCP as default protocol, sorted by namespace/name', () => {
    const state = parseClusterState([
      pod('y/a'),
      pod('x/b', {
        ip: '10.244.1.11',
        ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { containerPort: 80 }],
      }),
    ]);
    expect(state.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['x/b', 'y/a']);
    expect(state.pods[0]).toEqual({
      namespace: 'x',
      name: 'b',
      labels: { app: 'b' },
      ip: '10.244.1.11',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { port: 80, protocol: 'TCP' },
      ],
    });
  });

  it('leaves out finished pods', () => {
    const done = { ...pod('x/job'), status: { phase: 'Succeeded' } };
    expect(parseClusterState([done, pod('x/a')]).pods.map((p) => p.name)).toEqual(['a']);
  });

  it('normalises policies: defaults, absent lists, quoted port numbers', () => {
    const [policy] = parseClusterState([
      networkPolicy('x/p', {
        podSelector: { matchLabels: { app: 'a' } },
        egress: [
          {
            ports: [
              { port: '53', protocol: 'UDP' },
              { port: 'http', endPort: null },
            ],
          },
        ],
      }),
    ]).policies;
    expect(policy).toEqual({
      namespace: 'x',
      name: 'p',
      podSelector: { matchLabels: { app: 'a' }, matchExpressions: [] },
      affectsIngress: true,
      affectsEgress: true,
      ingress: [],
      egress: [
        {
          peers: [],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 'http' },
          ],
        },
      ],
    });
  });

  it.each([
    [{ ingress: [{ from: [{}] }] }, 'spec.ingress.0.from.0'],
    [{ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }, 'from.0'],
    [{ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0' } }] }] }, 'ipBlock.cidr'],
    [{ policyTypes: ['Both'] }, 'spec.policyTypes.0'],
    [{ ingress: [{ ports: [{ protocol: 'tcp' }] }] }, 'protocol'],
  ])('rejects an invalid policy %j naming it and the field', (spec, field) => {
    const parse = () => parseClusterState([networkPolicy('x/broken', spec)]);
    expect(parse).toThrow(ClusterStateError);
    expect(parse).toThrow(/^NetworkPolicy x\/broken: /);
    expect(parse).toThrow(field);
  });
});

describe(collectObjects.name, () => {
  it('ignores scalars and null', () => {
    expect(collectObjects([null, 1, 'x', { kind: 'Pod' }])).toEqual([{ kind: 'Pod' }]);
  });
});

describe(parseManifestText.name, () => {
  it('reads JSON and multi-document YAML', () => {
    expect(parseManifestText('{"kind":"List","items":[]}')).toEqual([{ kind: 'List', items: [] }]);
    const yaml = 'kind: Namespace\nmetadata: {name: x}\n---\n---\nkind: Pod\nmetadata: {name: a}\n';
    expect(parseManifestText(yaml)).toEqual([
      { kind: 'Namespace', metadata: { name: 'x' } },
      { kind: 'Pod', metadata: { name: 'a' } },
    ]);
  });

  it('reports broken input as ClusterStateError', () => {
    expect(() => parseManifestText('{"kind":')).toThrow(/Kein gültiges JSON/);
    expect(() => parseManifestText('kind: [unclosed')).toThrow(/Kein gültiges YAML/);
  });
});
