import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientNodeKubeReader, KubeApiError } from './kube-reader.js';

/** A pod as the API server sends it: timestamps as strings, a field newer than the client. */
const WEB = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: {
    name: 'web',
    namespace: 'lab',
    labels: { app: 'web' },
    creationTimestamp: '2026-01-01T10:00:00Z',
  },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], futureField: { x: 1 } },
  status: { phase: 'Running', podIP: '10.244.1.5' },
};

const DISCOVERY = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'] },
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get'] },
  ],
};

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
}

describe(ClientNodeKubeReader.name, () => {
  const requests: string[] = [];
  let server: http.Server;
  let reader: ClientNodeKubeReader;

  function kubeConfig(port: number): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      // The client refuses plain HTTP unless TLS verification is off; the real API speaks TLS.
      `clusters: [{name: kl, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]`,
      'users: [{name: admin, user: {token: secret}}]',
      'contexts: [{name: kl, context: {cluster: kl, user: admin}}]',
      'current-context: kl',
    ].join('\n');
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const json = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/api/v1') return json(DISCOVERY);
      if (url.pathname === '/api/v1/namespaces/lab/pods/web') return json(WEB);
      if (url.pathname === '/api/v1/pods') {
        // The API server leaves kind and apiVersion out of list items.
        const item: Record<string, unknown> = { ...WEB };
        delete item.kind;
        delete item.apiVersion;
        return json({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [item] });
      }
      notFound(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    reader = ClientNodeKubeReader.fromKubeConfig(
      kubeConfig((server.address() as AddressInfo).port),
    );
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('returns the object exactly as the API sent it', async () => {
    await expect(
      reader.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' }),
    ).resolves.toEqual(WEB);
  });

  it('answers undefined for an object that does not exist', async () => {
    await expect(
      reader.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'nope' }),
    ).resolves.toBeUndefined();
  });

  it('lists across namespaces with the label selector and sets kind on every item', async () => {
    const items = await reader.list({ apiVersion: 'v1', kind: 'Pod', labelSelector: 'app=web' });

    expect(items).toEqual([WEB]);
    expect(requests).toContain('/api/v1/pods?labelSelector=app%3Dweb');
  });

  it('reports a kind the cluster does not know', async () => {
    const error = await reader
      .get({ apiVersion: 'v1', kind: 'Gizmo', name: 'x' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KubeApiError);
    expect(error).toMatchObject({ reason: 'unknown-kind', kind: 'Gizmo' });
  });

  it('reports an API group the cluster does not serve as an unknown kind', async () => {
    await expect(
      reader.list({ apiVersion: 'example.com/v1', kind: 'Widget' }),
    ).rejects.toMatchObject({ reason: 'unknown-kind' });
  });

  it('reports an API server that does not answer as unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = ClientNodeKubeReader.fromKubeConfig(kubeConfig(port));

    await expect(
      offline.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' }),
    ).rejects.toMatchObject({
      name: 'KubeApiError',
      reason: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
