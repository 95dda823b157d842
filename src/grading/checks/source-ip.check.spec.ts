import {
  FakeEnvironmentHandle,
  gradeInput,
  recorded,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import type { ExecResult } from '../../clusters/environment-handle.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { SourceIpCheck } from './source-ip.check.js';

type SourceIpSpec = CheckSpecOf<'sourceIp'>;

/** The recorded netexec answer (`172.18.0.3:35488`), with the address the scenario's server sees. */
function serverSees(address: string) {
  const answer = recorded('curl-clientip', 'ok');
  return { ...answer, stdout: answer.stdout.replace(/^[^:]+/, address) };
}

/** From node kl-test-worker to the echo NodePort on kl-test-worker2, where the echo pod runs. */
const NODE_PORT: SourceIpSpec = {
  id: 'client-ip',
  kind: 'sourceIp',
  from: { node: 'worker' },
  to: { ip: '172.18.0.4', port: 30080, protocol: 'TCP' },
  expect: 'clientIp',
};
const CURL = ['curl', '-sS', '--max-time', '5', 'http://172.18.0.4:30080/clientip'];
/** A cluster whose worker answers the NodePort request with `result`. */
const curlOnWorker = (result: ExecResult) =>
  new FakeEnvironmentHandle().onNode('kl-test-worker', CURL, result);

describe(SourceIpCheck.name, () => {
  const check = new SourceIpCheck();
  const run = (s: SourceIpSpec, kube: FakeKube, handle: FakeEnvironmentHandle) =>
    check.evaluate(s, gradeInput({ kube, handle }));

  it('fails on the untouched cluster: with externalTrafficPolicy Cluster the node masquerades', async () => {
    // kube-proxy SNATs towards the local echo pod: the server sees worker2's veth gateway address.
    const handle = curlOnWorker(serverSees('10.244.2.1'));

    await expect(run(NODE_PORT, untouched(), handle)).resolves.toEqual({
      status: 'fail',
      message:
        'Der Server sieht 10.244.2.1 (eine Knoten-Adresse); verlangt: die Adresse des Clients selbst.',
      expected: 'clientIp',
      observed: { from: 'kl-test-worker', seen: '10.244.2.1', seenAs: 'node' },
    });
  });

  it('passes the solved cluster: with externalTrafficPolicy Local the client address is kept', async () => {
    const handle = curlOnWorker(recorded('curl-clientip', 'ok'));

    await expect(run(NODE_PORT, solved(), handle)).resolves.toEqual({
      status: 'pass',
      message: 'Der Server sieht 172.18.0.3: die Adresse des Clients selbst, wie verlangt.',
      expected: 'clientIp',
      observed: { from: 'kl-test-worker', seen: '172.18.0.3', seenAs: 'client' },
    });
  });

  it('sees the pod IP from pod to pod, and a node address after SNAT', async () => {
    const toEcho: SourceIpSpec = {
      ...NODE_PORT,
      from: { namespace: 'lab', pod: 'probe' },
      to: { pod: 'echo', port: 8080, protocol: 'TCP' },
      expect: 'podIp',
    };
    const direct = new FakeEnvironmentHandle().onPod(
      'lab/probe',
      ['curl'],
      serverSees('10.244.1.2'),
    );
    const natted = new FakeEnvironmentHandle().onPod(
      'lab/probe',
      ['curl'],
      serverSees('172.18.0.3'),
    );

    await expect(run(toEcho, solved(), direct)).resolves.toMatchObject({ status: 'pass' });
    await expect(run(toEcho, solved(), natted)).resolves.toMatchObject({
      status: 'fail',
      observed: { seenAs: 'node' },
    });
    await expect(run({ ...toEcho, expect: 'nodeIp' }, solved(), natted)).resolves.toMatchObject({
      status: 'pass',
      message: 'Der Server sieht 172.18.0.3: eine Knoten-Adresse (SNAT), wie verlangt.',
    });
    expect(direct.calls[0]?.argv).toEqual([
      'curl',
      '-sS',
      '--max-time',
      '5',
      'http://10.244.2.6:8080/clientip',
    ]);
  });

  it('fails when the server cannot be reached, with curl’s reason', async () => {
    const handle = curlOnWorker(recorded('curl-clientip', 'timeout'));

    await expect(run(NODE_PORT, solved(), handle)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Von kl-test-worker aus war der Server nicht erreichbar (`curl: (28) Connection timed out after 3001 milliseconds`).',
      observed: { seen: null, seenAs: 'unreachable' },
    });
  });

  it('cannot look without curl, with an unknown node, or for podIp from a node', async () => {
    await expect(run(NODE_PORT, solved(), new FakeEnvironmentHandle())).rejects.toThrow(
      'Das Messwerkzeug „curl“ fehlt auf dem Knoten „kl-test-worker“',
    );
    await expect(
      run({ ...NODE_PORT, from: { node: 'worker7' } }, solved(), new FakeEnvironmentHandle()),
    ).rejects.toThrow('Die Übung nennt den Knoten „worker7“');
    await expect(
      run({ ...NODE_PORT, expect: 'podIp' }, solved(), new FakeEnvironmentHandle()),
    ).rejects.toThrow('podIp braucht einen Pod als Client');
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(
      run(NODE_PORT, FakeKube.unreachable(), new FakeEnvironmentHandle()),
    ).rejects.toMatchObject({ name: 'KubeApiError' });
  });
});
