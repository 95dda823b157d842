import { clusterState } from '../../test/support/fake-kube.js';
import { evaluateJsonPath, JsonPathError, stripBraces } from './json-path.js';

const base = clusterState('kind-base');
const solved = clusterState('lab-solved');
const byName = (items: Record<string, unknown>[], kind: string, name: string) =>
  items.find((o) => o.kind === kind && (o.metadata as { name: string }).name === name);

const web = byName(solved, 'Pod', 'web');
const kubeDns = byName(base, 'Service', 'kube-dns');
const nodes = { kind: 'List', items: base.filter((o) => o.kind === 'Node') };

describe(evaluateJsonPath.name, () => {
  it.each([
    ['{.status.podIP}', web, ['10.244.2.5']],
    ['.status.podIP', web, ['10.244.2.5']],
    ['{ .metadata.labels.run }', web, ['web']],
    ['{.items[0].spec.podCIDR}', nodes, ['10.244.0.0/24']],
    ['{.items[-1].metadata.name}', nodes, ['kl-test-worker2']],
    ['{.items[1:].spec.podCIDR}', nodes, ['10.244.1.0/24', '10.244.2.0/24']],
    ['{.spec.ports[*].port}', kubeDns, [53, 53, 9153]],
    ['{.spec.ports[?(@.protocol=="UDP")].name}', kubeDns, ['dns']],
    ["{.spec.ports[?(@.name!='metrics')].port}", kubeDns, [53, 53]],
    ['{.spec.ports[?(@.port>100)].name}', kubeDns, ['metrics']],
    ['{.spec.ports[?(@.port==53)].name}', kubeDns, ['dns', 'dns-tcp']],
    ['{.status.conditions[?(@.type=="Ready")].status}', web, ['True']],
    ['{.metadata.annotations.prometheus\\.io/port}', kubeDns, ['9153']],
    ["{.metadata.labels['kubernetes.io/name']}", kubeDns, ['KubeDNS']],
    [
      '{.items[*].status.addresses[?(@.type=="InternalIP")].address}',
      nodes,
      ['172.18.0.2', '172.18.0.3', '172.18.0.4'],
    ],
    ['{..podIP}', web, ['10.244.2.5']],
    ['{.spec.selector.*}', kubeDns, ['kube-dns']],
    ['{.spec.containers[?(@.ports)].name}', web, ['web']],
    ['{.}', 'x', ['x']],
  ])('%s finds what kubectl finds', (path, object, expected) => {
    expect(evaluateJsonPath(path, object)).toEqual(expected);
  });

  it.each([
    ['{.status.hostname}', web],
    ['{.items[7].spec.podCIDR}', nodes],
    ['{.spec.ports[?(@.protocol=="SCTP")].port}', kubeDns],
    ['{.metadata.name.first}', web],
  ])('%s finds nothing where nothing is', (path, object) => {
    expect(evaluateJsonPath(path, object)).toEqual([]);
  });

  it('reads an array at the root, as `ip -j route` prints it', () => {
    const routes = [
      { dst: 'default', gateway: '172.18.0.1', dev: 'eth0' },
      { dst: '10.244.2.0/24', gateway: '172.18.0.4', dev: 'eth0' },
    ];

    expect(evaluateJsonPath('{.[?(@.dst=="10.244.2.0/24")].gateway}', routes)).toEqual([
      '172.18.0.4',
    ]);
    expect(evaluateJsonPath('{.[*].dev}', routes)).toEqual(['eth0', 'eth0']);
  });

  it.each(['status.podIP', '{.spec.ports[abc]}', '{.spec.ports[?(@.port==)]}', '{.a..}'])(
    'rejects %s with a German reason',
    (path) => {
      expect(() => evaluateJsonPath(path, web)).toThrow(JsonPathError);
      expect(() => evaluateJsonPath(path, web)).toThrow(/ungültiger JSONPath/);
    },
  );
});

describe(stripBraces.name, () => {
  it('gives the path as labs write it', () => {
    expect(stripBraces(' {.status.podIP} ')).toBe('.status.podIP');
    expect(stripBraces('.spec')).toBe('.spec');
  });
});
