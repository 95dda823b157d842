import {
  FakeEnvironmentHandle,
  gradeInput,
  recorded,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import { CannotCheckError } from '../check-errors.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { ConnectivityCheck } from './connectivity.check.js';

type ConnectivitySpec = CheckSpecOf<'connectivity'>;

const CONNECT = ['/agnhost', 'connect'];

/** A cluster whose `pod` answers `agnhost connect` with these recorded results, in turn. */
const connecting = (pod: string, ...results: string[]) =>
  new FakeEnvironmentHandle().onPod(
    pod,
    CONNECT,
    ...results.map((r) => recorded('agnhost-connect', r)),
  );

function spec(overrides: Partial<ConnectivitySpec> = {}): ConnectivitySpec {
  return {
    id: 'probe-zu-web',
    kind: 'connectivity',
    from: { namespace: 'lab', pod: 'probe' },
    to: { namespace: 'lab', pod: 'web', port: 80, protocol: 'TCP' },
    expect: 'allow',
    ...overrides,
  };
}

describe(ConnectivityCheck.name, () => {
  const check = new ConnectivityCheck();
  const run = (s: ConnectivitySpec, kube: FakeKube, handle = new FakeEnvironmentHandle()) =>
    check.evaluate(s, gradeInput({ kube, handle }));

  it('fails on the untouched cluster: the target pod does not exist', async () => {
    const handle = new FakeEnvironmentHandle();

    await expect(run(spec(), untouched(), handle)).resolves.toEqual({
      status: 'fail',
      message: 'Den Pod „web“ im Namespace „lab“ gibt es nicht.',
      expected: { expect: 'allow', port: 80, protocol: 'TCP' },
      observed: { target: 'missing' },
    });
    expect(handle.calls).toEqual([]);
  });

  it('passes when agnhost connects from the probe pod to the pod IP', async () => {
    const handle = connecting('lab/probe', 'tcp-connected');

    await expect(run(spec(), solved(), handle)).resolves.toEqual({
      status: 'pass',
      message: 'Die Verbindung zu lab/web auf Port 80/TCP klappt.',
      expected: { expect: 'allow', port: 80, protocol: 'TCP' },
      observed: [{ from: 'lab/probe', to: 'lab/web', result: 'connected' }],
    });
    expect(handle.calls).toEqual([
      {
        target: 'pod:lab/probe',
        argv: ['/agnhost', 'connect', '10.244.2.5:80', '--timeout=3s', '--protocol=tcp'],
        options: { timeoutMs: 10_000 },
      },
    ]);
  });

  it('fails a timeout after measuring it twice, and names the likely cause', async () => {
    const handle = connecting('lab/probe', 'tcp-timeout');

    await expect(run(spec(), solved(), handle)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Die Verbindung von lab/probe zu lab/web auf Port 80/TCP kommt nicht zustande: keine Antwort (Zeitüberschreitung) – oft verwirft eine NetworkPolicy die Pakete.',
      observed: [{ from: 'lab/probe', to: 'lab/web', result: 'TIMEOUT' }],
    });
    expect(handle.calls).toHaveLength(2);
  });

  it('counts the second measurement when the first was unlucky', async () => {
    const handle = connecting('lab/probe', 'tcp-timeout', 'tcp-connected');

    await expect(run(spec(), solved(), handle)).resolves.toMatchObject({ status: 'pass' });
  });

  it('probes a service at its ClusterIP and port', async () => {
    const handle = new FakeEnvironmentHandle().onPod(
      'lab/probe',
      [...CONNECT, '10.96.120.15:80'],
      recorded('agnhost-connect', 'tcp-connected'),
    );
    const toService = spec({ to: { service: 'web', port: 80, protocol: 'TCP' } });

    await expect(run(toService, solved(), handle)).resolves.toMatchObject({
      status: 'pass',
      message: 'Die Verbindung zu Service lab/web auf Port 80/TCP klappt.',
    });
  });

  it('passes a denied connection that times out, fails one that connects', async () => {
    const deny = spec({ from: { namespace: 'lab', pod: 'other' }, expect: 'deny' });
    const blocked = connecting('lab/other', 'tcp-timeout');
    const open = connecting('lab/other', 'tcp-connected');

    await expect(run(deny, solved(), blocked)).resolves.toMatchObject({
      status: 'pass',
      message: 'Die Verbindung zu lab/web auf Port 80/TCP ist wie gewünscht blockiert.',
    });
    await expect(run(deny, solved(), open)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Die Verbindung von lab/other zu lab/web auf Port 80/TCP kommt noch zustande, sollte aber blockiert sein.',
    });
    expect(open.calls).toHaveLength(2);
  });

  it('probes from every pod a selector picks to every pod a selector picks, never a pod to itself', async () => {
    const handle = new FakeEnvironmentHandle()
      .onPod('lab/db-0', CONNECT, recorded('agnhost-connect', 'udp-connected'))
      .onPod('lab/db-1', CONNECT, recorded('agnhost-connect', 'udp-refused'));
    const dbToDb = spec({
      from: { namespace: 'lab', selector: 'app=db,statefulset.kubernetes.io/pod-name!=db-2' },
      to: { selector: 'app=db', port: 5432, protocol: 'UDP' },
    });

    const outcome = await run(dbToDb, solved(), handle);

    expect(outcome.observed).toEqual([
      { from: 'lab/db-0', to: 'lab/db-1', result: 'connected' },
      { from: 'lab/db-0', to: 'lab/db-2', result: 'connected' },
      { from: 'lab/db-1', to: 'lab/db-0', result: 'REFUSED' },
      { from: 'lab/db-1', to: 'lab/db-2', result: 'REFUSED' },
    ]);
    expect(outcome.message).toBe(
      'Die Verbindung von lab/db-1 zu lab/db-0 auf Port 5432/UDP kommt nicht zustande: die Verbindung wurde abgelehnt – auf dem Port lauscht nichts (und 1 weitere Verbindung).',
    );
    expect(handle.calls.every((c) => c.argv.at(-1) === '--protocol=udp')).toBe(true);
  });

  it('reads a DNS failure and a local drop of UDP as not connected', async () => {
    const dns = connecting('lab/probe', 'tcp-dns');
    const dropped = connecting('lab/probe', 'udp-local-drop');
    const toHost = spec({ to: { host: 'nosuch', port: 80, protocol: 'TCP' } });
    const udp = spec({ to: { ip: '10.244.2.5', port: 53, protocol: 'UDP' }, expect: 'deny' });

    await expect(run(toHost, solved(), dns)).resolves.toMatchObject({
      status: 'fail',
      observed: [{ to: 'nosuch', result: 'DNS' }],
    });
    await expect(run(udp, solved(), dropped)).resolves.toMatchObject({
      status: 'pass',
      observed: [{ to: '10.244.2.5', result: 'OTHER' }],
    });
  });

  it('cannot look when the probe pod is missing, not ready, or lacks agnhost', async () => {
    const missing = untouched().without('Pod', 'lab', 'probe');
    const notReady = solved();
    const [probe] = await notReady.list({
      apiVersion: 'v1',
      kind: 'Pod',
      labelSelector: 'app=probe',
    });
    notReady.with({ ...probe, status: { phase: 'Pending' } });
    const noTool = connecting('lab/probe', 'missing');

    await expect(run(spec(), missing)).rejects.toThrow(
      'Der Prüf-Pod „probe“ im Namespace „lab“ fehlt',
    );
    await expect(run(spec(), notReady)).rejects.toThrow('ist noch nicht bereit (Phase Pending)');
    await expect(run(spec(), solved(), noTool)).rejects.toThrow(CannotCheckError);
    await expect(run(spec(), solved(), noTool)).rejects.toThrow(
      'Das Messwerkzeug „/agnhost“ fehlt im Prüf-Pod „probe“ (Namespace „lab“)',
    );
  });

  it('cannot look when the exec itself fails', async () => {
    const broken = new FakeEnvironmentHandle().failExecs(new Error('docker: connection refused'));

    await expect(run(spec(), solved(), broken)).rejects.toThrow(
      'Die Messung im Prüf-Pod „probe“ (Namespace „lab“) ließ sich nicht starten',
    );
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(spec(), FakeKube.unreachable())).rejects.toMatchObject({
      name: 'KubeApiError',
    });
  });
});
