import fs from 'node:fs';
import type { KubeObject, KubeReader, ListRef } from './kube-reader.js';
import { upstreamPath } from '../../test/support/upstream.js';
import { nodesWithoutPodNetwork, notReady } from './object-readiness.js';

/** EndpointSlices recorded from a kind cluster (VictoriaMetrics' test fixtures, see test/fixtures/upstream/README.md). */
const slices = (
  JSON.parse(
    fs.readFileSync(
      upstreamPath('victoriametrics', 'endpointslice-EndpointSliceList-1.json'),
      'utf8',
    ),
  ) as { items: KubeObject[] }
).items;

const reader = (objects: Record<string, KubeObject>): KubeReader => ({
  get: (ref) => Promise.resolve(objects[`${ref.kind}/${ref.namespace}/${ref.name}`]),
  list: (ref: ListRef) =>
    Promise.resolve(
      slices.filter((s) => {
        const meta = s.metadata as { namespace: string; labels?: Record<string, string> };
        return (
          meta.namespace === ref.namespace &&
          ref.labelSelector ===
            `kubernetes.io/service-name=${meta.labels?.['kubernetes.io/service-name']}`
        );
      }),
    ),
});

const service = (
  namespace: string,
  name: string,
  spec: object = { selector: { app: name } },
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name },
  spec,
});

describe(notReady.name, () => {
  it('accepts a service with a ready endpoint and names one whose endpoints are not ready', async () => {
    const waiting = await notReady(
      [service('kube-system', 'kube-dns'), service('default', 'kubernetes')],
      reader({}),
    );
    expect(waiting).toEqual(['Service default/kubernetes (ohne bereite Endpunkte)']);
  });

  it('ignores services without a selector and ExternalName services', async () => {
    const objects = [
      service('lab', 'manual', {}),
      service('lab', 'extern', { type: 'ExternalName', selector: { a: 'b' } }),
    ];
    expect(await notReady(objects, reader({}))).toEqual([]);
  });

  it('waits for deployments until all replicas are ready, and for missing objects', async () => {
    const deployment = (ready: number): KubeObject => ({
      spec: { replicas: 2 },
      status: { readyReplicas: ready },
    });
    const objects: KubeObject[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'lab', name: 'web' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'lab', name: 'probe' } },
    ];
    expect(await notReady(objects, reader({ 'Deployment/lab/web': deployment(1) }))).toEqual([
      'Deployment lab/web',
      'Pod lab/probe',
    ]);
    expect(
      await notReady(objects.slice(0, 1), reader({ 'Deployment/lab/web': deployment(2) })),
    ).toEqual([]);
  });

  it('names the nodes still waiting for their pod network, whether Ready or not', async () => {
    const node = (name: string, podCIDR?: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec: podCIDR ? { podCIDR } : {},
      status: { conditions: [{ type: 'Ready', status: 'False' }] },
    });
    const nodes = (items: KubeObject[]): KubeReader => ({
      get: () => Promise.resolve(undefined),
      list: (ref) => Promise.resolve(ref.kind === 'Node' ? items : []),
    });
    const cluster = [node('kl-a-control-plane', '10.244.0.0/24'), node('kl-a-worker')];
    expect(await nodesWithoutPodNetwork(nodes(cluster))).toEqual([
      'Knoten kl-a-worker (noch ohne Pod-Netz)',
    ]);
    expect(
      await nodesWithoutPodNetwork(nodes([cluster[0], node('kl-a-worker', '10.244.2.0/24')])),
    ).toEqual([]);
  });
});
