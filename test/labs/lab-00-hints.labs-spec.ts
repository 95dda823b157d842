import fs from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../../src/grading/check-result.js';
import { NodeExecCheck } from '../../src/grading/checks/node-exec.check.js';
import { matchingHints } from '../../src/grading/hint-matcher.js';
import { loadLabs } from '../../src/labs/lab-loader.js';
import type { Lab } from '../../src/labs/lab.types.js';
import type { ExecResult } from '../../src/clusters/environment-handle.js';
import { FakeEnvironmentHandle, gradeInput, ok } from '../support/fake-environment-handle.js';

/**
 * Lab 00's hints follow the mistake: each case grades the lab's own check on what the node
 * printed (recorded in the lab image, test/fixtures/lab-00) and asks which hints the learner gets.
 */
const { labs, problems } = loadLabs(path.resolve('labs'));
const lab = labs.find((l) => l.id === '00-linux-netzwerk') as Lab;
const recorded = (file: string) =>
  ok(fs.readFileSync(path.resolve('test/fixtures/lab-00', file), 'utf8'));

async function grade(stepId: string, checkId: string, output: ExecResult) {
  if (!lab) throw new Error(`lab 00 did not load: ${JSON.stringify(problems)}`);
  const step = lab.steps.find((s) => s.id === stepId);
  const check = step?.checks.find((c) => c.id === checkId);
  if (!step || check?.kind !== 'nodeExec') throw new Error(`no nodeExec ${checkId}`);
  const handle = new FakeEnvironmentHandle().onNode('kl-test-control-plane', [], output);
  const input = { ...gradeInput({ handle, environment: 'container' }), lab, step };
  const outcome = await new NodeExecCheck().evaluate({ ...check, id: checkId }, input);
  const result: CheckResult = { id: checkId, kind: 'nodeExec', durationMs: 0, ...outcome };
  return { result, hints: matchingHints(step.hints, [result]).map((h) => h.slice(0, 40)) };
}

/** `ip -j link show type veth` with both node ends; `flags` and `operstate` as the kernel sets them. */
function veths(pod1: { flags: string[]; state: string }, pod2: { flags: string[]; state: string }) {
  const link = (name: string, end: { flags: string[]; state: string }) => ({
    ifname: name,
    flags: end.flags,
    operstate: end.state,
  });
  return ok(JSON.stringify([link('veth-pod1', pod1), link('veth-pod2', pod2)]));
}
const UP = { flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], state: 'UP' };
const OFF = { flags: ['BROADCAST', 'MULTICAST'], state: 'DOWN' };

describe('lab 00: what a learner reads after a mistake', () => {
  it('names pod2 when the end in pod2 is down, and says it in a sentence with the state', async () => {
    const { result, hints } = await grade(
      'veth',
      'veth-oben',
      recorded('veth-pod2-peer-down.json'),
    );

    expect(result.message).toBe('Ein veth-Ende auf dem Knoten ist noch nicht UP, sondern DOWN.');
    expect(result.see).toBe('ip link show type veth');
    expect(hints).toEqual(['veth-pod2 ist eingeschaltet, aber sein a']);
  });

  it('names pod1 when the end in pod1 is down', async () => {
    const peerDown = { flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'], state: 'DOWN' };
    const { hints } = await grade('veth', 'veth-oben', veths(peerDown, UP));

    expect(hints).toEqual(['veth-pod1 ist eingeschaltet, aber sein a']);
  });

  it('names the node end when it is the one switched off', async () => {
    const { hints } = await grade('veth', 'veth-oben', veths(UP, OFF));

    expect(hints).toEqual(['Das Knoten-Ende veth-pod2 ist noch ausge']);
  });

  it('says a veth end is missing when there is none', async () => {
    const { hints } = await grade('veth', 'veth-oben', ok(JSON.stringify([])));

    expect(hints).toEqual(['Auf dem Knoten fehlt noch ein veth-Ende ']);
  });

  it('quotes a wrong address of pod2 and says how to remove it', async () => {
    const { result, hints } = await grade(
      'veth',
      'pod2-adresse',
      recorded('pod2-two-addresses.json'),
    );

    expect(result.message).toBe(
      'eth0 in pod2 hat die Adresse 10.244.1.30, 10.244.1.3 – erwartet ist 10.244.1.3.',
    );
    expect(result.see).toBe('ip -n pod2 addr show dev eth0');
    expect(result.detail).toContain('[0].addr_info[?(@.family=="inet")].local');
    expect(hints).toEqual(['eth0 in pod2 hat schon eine andere Adres']);
  });

  it('quotes the error when pod2 has no eth0 yet, and gives no hint about a wrong address', async () => {
    const missing = {
      exitCode: 1,
      stdout: '',
      stderr: 'Device "eth0" does not exist.\n',
      timedOut: false,
    };
    const { result, hints } = await grade('veth', 'pod2-adresse', missing);

    expect(result.message).toBe(
      '`ip -n pod2 addr show dev eth0` meldet: `Device "eth0" does not exist.`.',
    );
    expect(hints).toEqual([]);
  });

  it('tells a wrong mask of pod1 from a wrong address', async () => {
    const address = (local: string, prefixlen: number) =>
      ok(JSON.stringify([{ ifname: 'eth0', addr_info: [{ family: 'inet', local, prefixlen }] }]));

    expect((await grade('veth', 'pod1-adresse', address('10.244.1.2', 32))).hints).toEqual([
      'Die Adresse von pod1 stimmt, aber nicht ',
    ]);
    expect((await grade('veth', 'pod1-adresse', address('10.244.1.20', 24))).hints).toEqual([
      'eth0 in pod1 hat schon eine andere Adres',
    ]);
  });

  it('says a wrong gateway must be replaced, since a second route add only says File exists', async () => {
    const { result, hints } = await grade(
      'routen',
      'pod1-default',
      recorded('pod1-wrong-gateway.json'),
    );

    expect(result.message).toBe(
      'Die Default-Route von pod1 führt über 10.244.1.5 – erwartet ist das Gateway 10.244.1.1.',
    );
    expect(hints).toEqual(['Die Default-Route von pod1 führt über ei']);
  });

  it('gives no gateway hint while pod2 has no default route at all', async () => {
    const { result, hints } = await grade('routen', 'pod2-default', ok('[]'));

    expect(result.message).toBe('Noch nichts gefunden – verlangt ist „10.244.1.1“.');
    expect(hints).toEqual([]);
  });

  it('explains the ping error of a pod without route, in the words the German shell prints', async () => {
    const noRoute = {
      exitCode: 2,
      stdout: '',
      // Recorded in kubelab/netlab:2, whose shell speaks German.
      stderr: 'ping: connect: Das Netzwerk ist nicht erreichbar\n',
      timedOut: false,
    };
    const { result, hints } = await grade('routen', 'knoten-erreicht', noRoute);

    expect(result.message).toBe('pod1 bekommt von 192.168.100.1 noch keine Antwort.');
    expect(result.see).toBe('ip netns exec pod1 ping -c 1 -W 2 192.168.100.1');
    expect(hints).toEqual(['`Das Netzwerk ist nicht erreichbar` (eng']);
  });

  it('leaves that explanation out when the ping got no answer for another reason', async () => {
    const lost = ok('1 packets transmitted, 0 received, 100% packet loss, time 0ms\n', 1);

    expect((await grade('routen', 'knoten-erreicht', lost)).hints).toEqual([]);
  });

  it('quotes what ip_forward holds', async () => {
    const { result, hints } = await grade('nat', 'forwarding', ok('0\n'));

    expect(result.message).toBe('IP-Forwarding ist noch aus – der Knoten zeigt 0 statt 1.');
    expect(hints).toEqual(['IP-Forwarding ist noch aus (`cat /proc/s']);
  });
});

describe('lab 00, hints on masquerade', () => {
  const conntrack =
    'icmp 1 29 src=10.244.1.2 dst=192.168.100.2 type=8 code=0 id=7 src=192.168.100.2 dst=10.244.1.2 type=0 code=0 id=7\n';
  const masquerade = async (rules: string) =>
    (await grade('nat', 'masquerade', ok(`${conntrack}${rules}`))).hints;

  it('names the missing rule when POSTROUTING rewrites nothing', async () => {
    expect(await masquerade('')).toEqual(['Im NAT-Table steht noch keine Regel in P']);
  });

  it('points at the interface when the rule goes out another one (-o ext1)', async () => {
    expect(await masquerade('-A POSTROUTING -s 10.244.1.0/24 -o ext1 -j MASQUERADE\n')).toEqual([
      'Deine NAT-Regel gilt nur für Pakete, die',
    ]);
  });

  it('asks about -s when a rule for ext0 exists but the server still sees the pod', async () => {
    expect(await masquerade('-A POSTROUTING -s 10.244.2.0/24 -o ext0 -j MASQUERADE\n')).toEqual([
      'Eine NAT-Regel gibt es, aber sie greift ',
    ]);
    expect(
      await masquerade('-A POSTROUTING -s 10.244.2.0/24 -j SNAT --to-source 192.168.100.1\n'),
    ).toEqual(['Eine NAT-Regel gibt es, aber sie greift ']);
  });

  it('shows the learner a sentence, not the script or its pattern', async () => {
    const { result } = await grade('nat', 'masquerade', ok(conntrack));

    expect(result.message).toMatch(/^Der Server sieht als Absender noch nicht/);
    expect(result.see).toBe('conntrack -L -p icmp');
    expect(result.detail).toContain('sh -c');
  });
});
