import type { KubeObject, ObjectRef } from '../../kube/kube-reader.js';
import { FakeEnvironmentHandle, recorded } from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import type { KubeApplier } from '../../kube/kube-applier.js';
import type { KubeClients } from '../../kube/kube-clients.js';
import { AgnhostNetworkPolicyProof } from './network-policy-proof.js';
import { PROOF_NAMESPACE } from './network-policy-proof.objects.js';

const SERVER_IP = '10.244.1.5';
const TIMING = { pollMs: 0, readyAttempts: 3, probeAttempts: 3 };
const CLIENT_POD = `${PROOF_NAMESPACE}/client`;
const CONNECT = ['/agnhost', 'connect'];

/** A handle whose API is the fake below (FakeEnvironmentHandle itself has none). */
class ApiHandle extends FakeEnvironmentHandle {
  override kubeConfig(): Promise<string> {
    return Promise.resolve('apiVersion: v1');
  }
}

/**
 * A cluster API over FakeKube: applied objects appear (pods Ready with an IP unless told
 * otherwise), deleting the namespace removes it and everything in it.
 */
function fakeApi(options: { podsReady?: boolean; namespaceLingers?: boolean } = {}) {
  const kube = new FakeKube();
  const applied: string[] = [];
  const live: KubeObject[] = [];
  const applier: KubeApplier = {
    apply(object) {
      const meta = object.metadata as { name: string };
      applied.push(`${String(object.kind)}/${meta.name}`);
      const ready = options.podsReady ?? true;
      const status =
        object.kind === 'Pod'
          ? {
              status: {
                podIP: meta.name === 'server' ? SERVER_IP : '10.244.2.7',
                conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
              },
            }
          : {};
      live.push({ ...object, ...status });
      kube.with({ ...object, ...status });
      return Promise.resolve();
    },
    delete(ref: ObjectRef) {
      applied.push(`delete ${ref.kind}/${ref.name}`);
      if (ref.kind === 'Namespace' && !options.namespaceLingers) {
        for (const object of live) {
          const meta = object.metadata as { name: string; namespace?: string };
          kube.without(String(object.kind), meta.namespace, meta.name);
        }
      }
      return Promise.resolve();
    },
  };
  const clients = { applier: () => applier, reader: () => kube } as unknown as KubeClients;
  const namespace = () => kube.get({ apiVersion: 'v1', kind: 'Namespace', name: PROOF_NAMESPACE });
  return { clients, applied, namespace };
}

const prove = (api: ReturnType<typeof fakeApi>, handle: FakeEnvironmentHandle) =>
  new AgnhostNetworkPolicyProof(api.clients, TIMING).prove(handle);

describe(AgnhostNetworkPolicyProof.name, () => {
  it('proves enforcement: connected without a policy, blocked under default-deny, then cleans up', async () => {
    const api = fakeApi();
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'tcp-timeout'),
    );
    const result = await prove(api, handle);
    expect(result).toEqual({
      enforced: true,
      detail: 'without a policy connected, with default-deny TIMEOUT',
    });
    expect(handle.calls.map((c) => [c.target, c.argv])).toEqual([
      [
        `pod:${CLIENT_POD}`,
        ['/agnhost', 'connect', `${SERVER_IP}:8080`, '--timeout=3s', '--protocol=tcp'],
      ],
      [
        `pod:${CLIENT_POD}`,
        ['/agnhost', 'connect', `${SERVER_IP}:8080`, '--timeout=3s', '--protocol=tcp'],
      ],
    ]);
    expect(api.applied).toEqual([
      'Namespace/kubelab-netpol-proof',
      'Pod/server',
      'Pod/client',
      'NetworkPolicy/default-deny-ingress',
      'delete Namespace/kubelab-netpol-proof',
    ]);
    expect(await api.namespace()).toBeUndefined();
  });

  it('is not proven when the policy never blocks, after the configured number of probes', async () => {
    const api = fakeApi();
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-connected'),
    );
    const result = await prove(api, handle);
    expect(result.enforced).toBe(false);
    expect(result.detail).toContain('did not block the client');
    expect(handle.calls).toHaveLength(1 + TIMING.probeAttempts);
    expect(api.applied.at(-1)).toBe('delete Namespace/kubelab-netpol-proof');
    expect(await api.namespace()).toBeUndefined();
  });

  it('waits for the policy to take effect: a probe that still connects is retried', async () => {
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'tcp-timeout'),
    );
    expect((await prove(fakeApi(), handle)).enforced).toBe(true);
    expect(handle.calls).toHaveLength(3);
  });

  it('is not proven when the client cannot reach the server even without a policy', async () => {
    const api = fakeApi();
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-refused'),
    );
    const result = await prove(api, handle);
    expect(result).toEqual({
      enforced: false,
      detail: 'without a policy the client did not reach the server (exit 1: REFUSED)',
    });
    expect(api.applied).not.toContain('NetworkPolicy/default-deny-ingress');
    expect(await api.namespace()).toBeUndefined();
  });

  it('does not count a probe that measured nothing (agnhost missing) as blocked', async () => {
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'missing'),
    );
    const result = await prove(fakeApi(), handle);
    expect(result.enforced).toBe(false);
    expect(result.detail).toContain('measured nothing (exit 127');
  });

  it('names the scratch pods that did not become ready, and still removes the namespace', async () => {
    const api = fakeApi({ podsReady: false });
    const handle = new ApiHandle();
    const result = await prove(api, handle);
    expect(result).toEqual({
      enforced: false,
      detail: `scratch pods not ready: Pod ${PROOF_NAMESPACE}/server, Pod ${PROOF_NAMESPACE}/client`,
    });
    expect(handle.calls).toHaveLength(0);
    expect(await api.namespace()).toBeUndefined();
  });

  it('is not proven when the scratch namespace stays behind', async () => {
    const handle = new ApiHandle().onPod(
      CLIENT_POD,
      CONNECT,
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'tcp-timeout'),
    );
    const result = await prove(fakeApi({ namespaceLingers: true }), handle);
    expect(result).toEqual({
      enforced: false,
      detail: `the scratch namespace ${PROOF_NAMESPACE} was not removed in time`,
    });
  });

  it('reports an unreachable API as not proven instead of throwing', async () => {
    const clients = {
      applier: () => ({
        apply: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')),
        delete: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')),
      }),
      reader: () => FakeKube.unreachable(),
    } as unknown as KubeClients;
    const result = await new AgnhostNetworkPolicyProof(clients, TIMING).prove(new ApiHandle());
    expect(result.enforced).toBe(false);
    expect(result.detail).toContain('the proof could not run: connect ECONNREFUSED');
    expect(result.detail).toContain('removing the scratch namespace');
  });

  it('reports a cluster without a kubeconfig as not proven', async () => {
    const result = await prove(fakeApi(), new FakeEnvironmentHandle());
    expect(result).toMatchObject({
      enforced: false,
      detail: expect.stringContaining("no access to the cluster's API"),
    });
  });
});
