import {
  FakeEnvironmentHandle,
  gradeInput,
  recorded,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import { onlyProbeMatrix } from '../../../test/support/only-probe-matrix.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { ReachabilityCheck } from './reachability.check.js';

type ReachabilitySpec = CheckSpecOf<'reachability'>;

/** Only probe may reach the others; one pair written without spaces, as the schema allows. */
const SPEC: ReachabilitySpec = onlyProbeMatrix('reachability', [
  'lab/probe -> lab/echo',
  'lab/probe->lab/other',
]);

const IP = { probe: '10.244.1.2', other: '10.244.2.3', echo: '10.244.2.6' };
const connected = recorded('agnhost-connect', 'tcp-connected');
const timeout = recorded('agnhost-connect', 'tcp-timeout');
const connect = (ip: string) => ['/agnhost', 'connect', `${ip}:8080`];

/** Before any policy every pod reaches every other. */
function openCluster(): FakeEnvironmentHandle {
  const handle = new FakeEnvironmentHandle();
  for (const pod of ['probe', 'other', 'echo']) handle.onPod(`lab/${pod}`, ['/agnhost'], connected);
  return handle;
}

/** With the policies of the reference solution only probe's connections come about. */
function policedCluster(): FakeEnvironmentHandle {
  return new FakeEnvironmentHandle()
    .onPod('lab/probe', ['/agnhost'], connected)
    .onPod('lab/other', ['/agnhost'], timeout)
    .onPod('lab/echo', ['/agnhost'], timeout);
}

describe(ReachabilityCheck.name, () => {
  const check = new ReachabilityCheck();
  const run = (s: ReachabilitySpec, kube: FakeKube, handle: FakeEnvironmentHandle) =>
    check.evaluate(s, gradeInput({ kube, handle }));

  it('fails on the untouched cluster and lists the connections that should be blocked', async () => {
    const outcome = await run(SPEC, untouched(), openCluster());

    expect(outcome).toMatchObject({
      status: 'fail',
      message:
        '4 Verbindungen verhalten sich anders als verlangt: lab/echo → lab/probe ist erlaubt, sollte aber blockiert sein; lab/echo → lab/other ist erlaubt, sollte aber blockiert sein; lab/other → lab/probe ist erlaubt, sollte aber blockiert sein; lab/other → lab/echo ist erlaubt, sollte aber blockiert sein.',
      expected: {
        default: 'deny',
        except: ['lab/probe -> lab/echo', 'lab/probe -> lab/other'],
        port: 8080,
        protocol: 'TCP',
      },
    });
    expect(outcome.observed).toMatchObject({
      default: 'deny',
      except: [
        'lab/echo -> lab/other',
        'lab/echo -> lab/probe',
        'lab/other -> lab/echo',
        'lab/other -> lab/probe',
        'lab/probe -> lab/echo',
        'lab/probe -> lab/other',
      ],
    });
  });

  it('passes the solved cluster: each of the 6 pairs probed from its source pod', async () => {
    const handle = policedCluster();

    await expect(run(SPEC, solved(), handle)).resolves.toMatchObject({
      status: 'pass',
      message: 'Alle 6 Verbindungen auf Port 8080/TCP verhalten sich wie verlangt.',
      observed: {
        default: 'deny',
        except: ['lab/probe -> lab/echo', 'lab/probe -> lab/other'],
        results: { 'lab/other -> lab/echo': 'TIMEOUT', 'lab/probe -> lab/echo': 'connected' },
      },
    });
    expect(handle.calls.map((c) => `${c.target} ${c.argv[2] ?? ''}`).sort()).toEqual([
      `pod:lab/echo ${IP.probe}:8080`,
      `pod:lab/echo ${IP.other}:8080`,
      `pod:lab/other ${IP.probe}:8080`,
      `pod:lab/other ${IP.echo}:8080`,
      `pod:lab/probe ${IP.other}:8080`,
      `pod:lab/probe ${IP.echo}:8080`,
    ]);
  });

  it('says which connection is blocked although it should be allowed', async () => {
    const handle = policedCluster().onPod('lab/probe', connect(IP.echo), timeout);

    await expect(run(SPEC, solved(), handle)).resolves.toMatchObject({
      status: 'fail',
      message:
        'Eine Verbindung verhält sich anders als verlangt: lab/probe → lab/echo ist blockiert, sollte aber erlaubt sein.',
    });
  });

  it('cannot look when an exception names a pod outside the matrix', async () => {
    const typo = {
      ...SPEC,
      expect: { default: 'deny' as const, except: ['lab/probe -> lab/ehco'] },
    };

    await expect(run(typo, solved(), policedCluster())).rejects.toThrow(
      'Die Übung erwartet etwas für „lab/probe -> lab/ehco“',
    );
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(SPEC, FakeKube.unreachable(), openCluster())).rejects.toMatchObject({
      name: 'KubeApiError',
    });
  });
});
