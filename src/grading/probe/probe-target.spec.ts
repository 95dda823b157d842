import { FakeKube } from '../../../test/support/fake-kube.js';
import { resolveTarget } from './probe-target.js';

const nodePortService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'lab' },
  spec: {
    type: 'NodePort',
    clusterIP: '10.96.12.7',
    clusterIPs: ['10.96.12.7'],
    externalTrafficPolicy: 'Cluster',
    ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 31380 }],
  },
};

describe('resolveTarget with nodePort', () => {
  const kube = () => FakeKube.of('kind-base').with(nodePortService);
  const nodeIp = async (name: string) =>
    (
      (await kube().get({ apiVersion: 'v1', kind: 'Node', name })) as {
        status: { addresses: { type: string; address: string }[] };
      }
    ).status.addresses.find((a) => a.type === 'InternalIP')?.address;

  it('goes to the named node’s InternalIP on the NodePort of that service port', async () => {
    const resolution = await resolveTarget(
      kube(),
      { service: 'web', port: 80, protocol: 'TCP', nodePort: 'worker2' },
      'lab',
    );
    expect(resolution).toEqual({
      targets: [
        {
          label: 'NodePort 31380 von Service lab/web auf kl-test-worker2',
          host: await nodeIp('kl-test-worker2'),
          port: 31380,
        },
      ],
    });
  });

  it('reads roles from the node labels: worker is the first worker, not the control plane', async () => {
    const worker = await resolveTarget(
      kube(),
      { service: 'web', port: 80, protocol: 'TCP', nodePort: 'worker' },
      'lab',
    );
    const controlPlane = await resolveTarget(
      kube(),
      { service: 'web', port: 80, protocol: 'TCP', nodePort: 'control-plane' },
      'lab',
    );
    expect('targets' in worker && worker.targets[0]?.host).toBe(await nodeIp('kl-test-worker'));
    expect('targets' in controlPlane && controlPlane.targets[0]?.host).toBe(
      await nodeIp('kl-test-control-plane'),
    );
  });

  it('says in German when the service has no NodePort for that port', async () => {
    const clusterIp = {
      ...nodePortService,
      spec: { ...nodePortService.spec, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP' }] },
    };
    const resolution = await resolveTarget(
      FakeKube.of('kind-base').with(clusterIp),
      { service: 'web', port: 80, protocol: 'TCP', nodePort: 'worker' },
      'lab',
    );
    expect(resolution).toEqual({
      missing:
        'Der Service „web“ im Namespace „lab“ hat für Port 80 keinen NodePort (Typ ClusterIP).',
    });
  });

  it('names a node the cluster does not have', async () => {
    const resolution = await resolveTarget(
      kube(),
      { service: 'web', port: 80, protocol: 'TCP', nodePort: 'worker7' },
      'lab',
    );
    expect('missing' in resolution && resolution.missing).toContain('„worker7“');
  });
});

describe('resolveTarget with node', () => {
  it('goes to the InternalIP of the node the lab names, on the port the lab names', async () => {
    const kube = FakeKube.of('kind-base');
    const worker2 = (await kube.get({
      apiVersion: 'v1',
      kind: 'Node',
      name: 'kl-test-worker2',
    })) as {
      status: { addresses: { type: string; address: string }[] };
    };
    const address = worker2.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    expect(
      await resolveTarget(kube, { node: 'worker2', port: 9100, protocol: 'TCP' }, 'lab'),
    ).toEqual({
      targets: [{ label: `Knoten kl-test-worker2 (${address})`, host: address }],
    });
  });

  it('names a node the cluster does not have', async () => {
    const resolution = await resolveTarget(
      FakeKube.of('kind-base'),
      { node: 'worker7', port: 9100, protocol: 'TCP' },
      'lab',
    );
    expect('missing' in resolution && resolution.missing).toContain('„worker7“');
  });
});
