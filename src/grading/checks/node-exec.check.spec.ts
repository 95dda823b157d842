import { NESTED_LOOP, NESTED_LOOP_INPUT } from '../../../test/support/backtracking.js';
import {
  FakeEnvironmentHandle,
  gradeInput,
  ok,
  recordedText,
} from '../../../test/support/fake-environment-handle.js';
import { DriverError } from '../../clusters/environment-driver.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { NodeExecCheck } from './node-exec.check.js';

type NodeExecSpec = CheckSpecOf<'nodeExec'>;

const ROUTE = ['ip', '-j', 'route'];
const routes = (state: 'untouched' | 'solved') => ok(recordedText(`ip-route/worker.${state}.txt`));

/** The step: "Leg auf worker die Route ins Pod-Netz von worker2 an (über 172.18.0.4)". */
const SPEC: NodeExecSpec = {
  id: 'route',
  kind: 'nodeExec',
  node: 'worker',
  command: ROUTE,
  expect: {
    exitCode: 0,
    json: [{ path: '{.[?(@.dst=="10.244.2.0/24")].gateway}', equals: '172.18.0.4' }],
  },
};

describe(NodeExecCheck.name, () => {
  const check = new NodeExecCheck();
  const run = (s: NodeExecSpec, handle: FakeEnvironmentHandle) =>
    check.evaluate(s, gradeInput({ handle }));

  it('fails on the untouched node: the route is missing', async () => {
    const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ROUTE, routes('untouched'));

    await expect(run(SPEC, handle)).resolves.toMatchObject({
      status: 'fail',
      message: 'Noch nichts gefunden – verlangt ist „172.18.0.4“.',
      detail:
        '„ip -j route“ auf dem Knoten „kl-test-worker“: .[?(@.dst=="10.244.2.0/24")].gateway ist null, verlangt: „172.18.0.4“.',
      observed: {
        node: 'kl-test-worker',
        exitCode: 0,
        fields: { '.[?(@.dst=="10.244.2.0/24")].gateway': null },
      },
    });
  });

  it('passes once the route is there, and reads the node by role', async () => {
    const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ROUTE, routes('solved'));

    await expect(run(SPEC, handle)).resolves.toMatchObject({
      status: 'pass',
      message: 'Die Prüfung auf dem Knoten zeigt, was verlangt ist.',
      detail: '„ip -j route“ auf dem Knoten „kl-test-worker“ zeigt, was verlangt ist.',
      observed: { fields: { '.[?(@.dst=="10.244.2.0/24")].gateway': '172.18.0.4' } },
    });
    expect(handle.calls).toEqual([
      { target: 'node:kl-test-worker', argv: ROUTE, options: { timeoutMs: 15_000 } },
    ]);
  });

  it('checks exit code and output text', async () => {
    const text = {
      ...SPEC,
      node: 'worker2',
      command: ['ip', 'route', 'get', '10.244.1.2'],
      expect: {
        exitCode: 0,
        stdout: {
          contains: 'via 172.18.0.3',
          notContains: 'unreachable',
          matches: '^10\\.244\\.1\\.2 ',
        },
      },
    };
    const good = new FakeEnvironmentHandle().onNode(
      'kl-test-worker2',
      ['ip'],
      ok('10.244.1.2 via 172.18.0.3 dev eth0 src 172.18.0.4 uid 0 \n    cache \n'),
    );
    const bad = new FakeEnvironmentHandle().onNode('kl-test-worker2', ['ip'], {
      exitCode: 2,
      stdout: '',
      stderr: 'RTNETLINK answers: Network is unreachable\n',
      timedOut: false,
    });

    await expect(run(text, good)).resolves.toMatchObject({ status: 'pass' });
    await expect(run(text, bad)).resolves.toMatchObject({
      status: 'fail',
      message: 'Die Prüfung auf dem Knoten meldet: `RTNETLINK answers: Network is unreachable`.',
      detail:
        '„ip route get 10.244.1.2“ auf dem Knoten „kl-test-worker2“: der Befehl endete mit Exit-Code 2 statt 0; die Ausgabe enthält „via 172.18.0.3“ nicht; die Ausgabe passt nicht zu /^10\\.244\\.1\\.2 /.',
    });
  });

  it('reads stdout.matches per line and in linear time', async () => {
    const forwarding = {
      ...SPEC,
      command: ['cat'],
      expect: { exitCode: 0, stdout: { matches: '^1$' } },
    };
    const on = new FakeEnvironmentHandle().onNode('kl-test-worker', ['cat'], ok('0\n1\n'));
    const stalling = new FakeEnvironmentHandle().onNode(
      'kl-test-worker',
      ['cat'],
      ok(NESTED_LOOP_INPUT),
    );

    await expect(run(forwarding, on)).resolves.toMatchObject({ status: 'pass' });
    await expect(
      run({ ...forwarding, expect: { exitCode: 0, stdout: { matches: NESTED_LOOP } } }, stalling),
    ).resolves.toMatchObject({ status: 'fail' });
  });

  it('fails output that should be JSON but is not', async () => {
    const handle = new FakeEnvironmentHandle().onNode(
      'kl-test-worker',
      ROUTE,
      ok('default via 172.18.0.1'),
    );

    await expect(run(SPEC, handle)).resolves.toMatchObject({
      status: 'fail',
      message: 'Die Ausgabe ließ sich nicht lesen.',
      detail: '„ip -j route“ auf dem Knoten „kl-test-worker“: die Ausgabe ist kein JSON.',
    });
  });

  it('cannot look when the command is missing or the exec fails', async () => {
    const broken = new FakeEnvironmentHandle().failExecs(new Error('container not running'));

    await expect(run(SPEC, new FakeEnvironmentHandle())).rejects.toThrow(
      'Das Messwerkzeug „ip“ fehlt',
    );
    await expect(run(SPEC, broken)).rejects.toThrow(
      'Der Befehl auf dem Knoten „kl-test-worker“ ließ sich nicht starten',
    );
  });

  it('lets a cluster that cannot be reached surface for the engine to report as error', async () => {
    const gone = new DriverError('no such cluster', 'Dein Cluster ist nicht mehr da.');
    const input = { ...gradeInput(), handle: () => Promise.reject(gone) };

    await expect(check.evaluate(SPEC, input)).rejects.toBe(gone);
  });

  describe('in a container lab, where the learner’s shell is the node', () => {
    /** Lab 00's check on pod2's address, recorded from `ip -n pod2 -j addr show dev eth0`. */
    const ADDRESS: NodeExecSpec = {
      id: 'pod2-adresse',
      kind: 'nodeExec',
      node: 'worker',
      command: ['ip', '-n', 'pod2', '-j', 'addr', 'show', 'dev', 'eth0'],
      expect: {
        exitCode: 0,
        json: [{ path: '{[0].addr_info[?(@.family=="inet")].local}', equals: '10.244.1.3' }],
      },
    };
    const addressed = (ip: string) =>
      ok(
        JSON.stringify([
          { ifname: 'eth0', addr_info: [{ family: 'inet', local: ip, prefixlen: 24 }] },
        ]),
      );
    const inContainer = (s: NodeExecSpec, handle: FakeEnvironmentHandle) =>
      check.evaluate(s, gradeInput({ handle, environment: 'container' }));

    it('says what it found and what is wanted, without the JSONPath, and how to look', async () => {
      const handle = new FakeEnvironmentHandle().onNode(
        'kl-test-worker',
        ['ip'],
        addressed('10.244.1.30'),
      );

      const outcome = await inContainer(ADDRESS, handle);

      expect(outcome).toMatchObject({
        status: 'fail',
        message: 'Gefunden wurde „10.244.1.30“, verlangt ist „10.244.1.3“.',
        see: 'ip -n pod2 -j addr show dev eth0',
      });
      expect(outcome.detail).toContain(
        '[0].addr_info[?(@.family=="inet")].local ist "10.244.1.30"',
      );
    });

    it('puts the observed value into the lab’s sentence and shows the lab’s command', async () => {
      const worded: NodeExecSpec = {
        ...ADDRESS,
        messages: { fail: 'eth0 in pod2 hat die Adresse {observed} – erwartet ist 10.244.1.3.' },
        see: 'ip -n pod2 addr show dev eth0',
      };
      const handle = new FakeEnvironmentHandle().onNode(
        'kl-test-worker',
        ['ip'],
        addressed('10.244.1.30'),
      );

      await expect(inContainer(worded, handle)).resolves.toMatchObject({
        message: 'eth0 in pod2 hat die Adresse 10.244.1.30 – erwartet ist 10.244.1.3.',
        see: 'ip -n pod2 addr show dev eth0',
      });
    });

    it('quotes the command’s error instead of a sentence with nothing to quote', async () => {
      const worded: NodeExecSpec = {
        ...ADDRESS,
        messages: { fail: 'eth0 in pod2 hat die Adresse {observed} – erwartet ist 10.244.1.3.' },
        see: 'ip -n pod2 addr show dev eth0',
      };
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['ip'], {
        exitCode: 1,
        stdout: '',
        stderr: 'Device "eth0" does not exist.\n',
        timedOut: false,
      });

      await expect(inContainer(worded, handle)).resolves.toMatchObject({
        message: '`ip -n pod2 addr show dev eth0` meldet: `Device "eth0" does not exist.`.',
      });
    });

    it('says once that nothing was found when eth0 has no address at all', async () => {
      const both: NodeExecSpec = {
        ...ADDRESS,
        expect: {
          exitCode: 0,
          json: [
            { path: '{[0].addr_info[?(@.family=="inet")].local}', equals: '10.244.1.2' },
            { path: '{[0].addr_info[?(@.family=="inet")].prefixlen}', equals: 24 },
          ],
        },
      };
      const bare = ok(JSON.stringify([{ ifname: 'eth0', addr_info: [] }]));
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['ip'], bare);

      await expect(inContainer(both, handle)).resolves.toMatchObject({
        message: 'Noch nichts gefunden – verlangt ist „10.244.1.2“.',
      });
    });

    it('quotes a one-line output as the observed value', async () => {
      const forwarding: NodeExecSpec = {
        id: 'forwarding',
        kind: 'nodeExec',
        node: 'worker',
        command: ['cat', '/proc/sys/net/ipv4/ip_forward'],
        expect: { exitCode: 0, stdout: { matches: '^1\\s*$' } },
        messages: { fail: 'IP-Forwarding steht noch auf {observed}.' },
      };
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['cat'], ok('0\n'));

      await expect(inContainer(forwarding, handle)).resolves.toMatchObject({
        message: 'IP-Forwarding steht noch auf 0.',
        see: 'cat /proc/sys/net/ipv4/ip_forward',
      });
    });

    it('shows a script it runs with sh -c neither as message nor as a command to run', async () => {
      const script: NodeExecSpec = {
        id: 'masquerade',
        kind: 'nodeExec',
        node: 'worker',
        command: ['sh', '-c', "conntrack -L | grep 'src=1'"],
        expect: { exitCode: 0, stdout: { matches: 'src=192\\.168' } },
      };
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['sh'], ok(''));

      const outcome = await inContainer(script, handle);

      expect(outcome.message).toBe(
        'Die Prüfung auf dem Knoten zeigt noch nicht, was verlangt ist.',
      );
      expect(outcome).not.toHaveProperty('see');
      expect(outcome.detail).toContain('sh -c');
    });

    it('quotes arguments so the command runs as shown', async () => {
      const quoted: NodeExecSpec = {
        ...ADDRESS,
        command: ['ip', 'route', 'get', '192.168.100.2', 'from', "a b'c"],
        expect: { exitCode: 0 },
      };
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['ip'], ok(''));

      await expect(inContainer(quoted, handle)).resolves.toMatchObject({
        see: "ip route get 192.168.100.2 from 'a b'\\''c'",
      });
    });
  });
});
