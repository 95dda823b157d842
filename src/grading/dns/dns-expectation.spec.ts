import { FakeKube } from '../../../test/support/fake-kube.js';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import type { KubeObject } from '../../kube/kube-reader.js';
import { expectedAnswer } from './dns-expectation.js';

type DnsSpec = Extract<CheckSpec, { kind: 'dns' }>;

/**
 * A fixture after the Kubernetes DNS specification's examples (rows cite the Kubernetes DNS
 * specification and CoreDNS' tests): Service prod/web 10.96.45.12, headless prod/db with ready
 * endpoints db-0 10.244.1.5 and db-1 10.244.2.7 and a not-ready 10.244.2.9.
 */
function truthCluster(dbEndpoints = DB_ENDPOINTS): FakeKube {
  const service = (name: string, clusterIP: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'prod' },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    },
  });
  return new FakeKube([
    service('web', '10.96.45.12'),
    service('db', 'None'),
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'db-abcde',
        namespace: 'prod',
        labels: { 'kubernetes.io/service-name': 'db' },
      },
      addressType: 'IPv4',
      endpoints: dbEndpoints,
      ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
    },
  ]);
}

const DB_ENDPOINTS = [
  { addresses: ['10.244.1.5'], hostname: 'db-0', conditions: { ready: true } },
  { addresses: ['10.244.2.7'], hostname: 'db-1', conditions: { ready: true } },
  { addresses: ['10.244.2.9'], conditions: { ready: false } },
];

const ask = (type: DnsSpec['type'], expect: DnsSpec['expect'], kube = truthCluster()) =>
  expectedAnswer(kube, {
    kind: 'dns',
    from: { namespace: 'test', pod: 'client' },
    query: 'x',
    type,
    expect,
  });

describe(expectedAnswer.name, () => {
  it('a ClusterIP service: its ClusterIP (A), its name (PTR, SRV target)', async () => {
    const web = { serviceIp: { namespace: 'prod', name: 'web' } };

    await expect(ask('A', web)).resolves.toEqual({ records: ['10.96.45.12'] });
    await expect(ask('AAAA', web)).resolves.toEqual({ records: [] });
    await expect(ask('PTR', web)).resolves.toEqual({ records: ['web.prod.svc.cluster.local'] });
    await expect(ask('SRV', web)).resolves.toEqual({ records: ['web.prod.svc.cluster.local'] });
  });

  it('a headless service: one record per ready endpoint, SRV targets by hostname', async () => {
    const db = { endpointsOf: { namespace: 'prod', name: 'db' } };

    await expect(ask('A', db)).resolves.toEqual({ records: ['10.244.1.5', '10.244.2.7'] });
    await expect(ask('SRV', db)).resolves.toEqual({
      records: ['db-0.db.prod.svc.cluster.local', 'db-1.db.prod.svc.cluster.local'],
    });
  });

  it('an endpoint without hostname is named by its dashed IP', async () => {
    const db = { endpointsOf: { namespace: 'prod', name: 'db' } };
    const kube = truthCluster([{ addresses: ['10.244.2.9'], conditions: { ready: true } }]);

    await expect(ask('SRV', db, kube)).resolves.toEqual({
      records: ['10-244-2-9.db.prod.svc.cluster.local'],
    });
  });

  it('a headless service without ready endpoints is NXDOMAIN', async () => {
    const db = { endpointsOf: { namespace: 'prod', name: 'db' } };
    const kube = truthCluster([{ addresses: ['10.244.2.9'], conditions: { ready: false } }]);

    await expect(ask('A', db, kube)).resolves.toEqual({ nxdomain: true });
  });

  it('a service that does not exist leaves the answer unknown', async () => {
    await expect(ask('A', { serviceIp: { namespace: 'prod', name: 'nosuch' } })).resolves.toEqual({
      unknown: 'Den Service „nosuch“ im Namespace „prod“ gibt es nicht.',
    });
  });
});
