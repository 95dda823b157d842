import Docker from 'dockerode';
import { describeWithDocker } from '../support/describe-with-docker.js';
import { LAB_00_PROMPT, solutionLines, startLab00App } from '../support/lab-00.js';
import type { TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { TerminalTestClient } from '../support/ws-client.js';

/**
 * Issue #15: step `nat` of lab 00 judges the effect — the source address the server sees — not
 * the shape of one MASQUERADE rule. In a real container environment, each way a learner may
 * write source NAT passes, and a rule that never matches the packets to the server does not.
 */
describeWithDocker('Lab 00 step nat: every rule that gives the server the node address', () => {
  const docker = new Docker();
  let ctx: TestContext;
  let terminal: TerminalTestClient | undefined;
  let run: (line: string) => Promise<void>;
  let checkNat: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    let url: string;
    ({ ctx, url } = await startLab00App(docker));

    const learner = await ctx.newLearner('Nora NAT');
    const { id } = await ctx.newSession(learner, '00-linux-netzwerk');
    terminal = await TerminalTestClient.connect(url, {
      origin: url.replace('ws:', 'http:').replace('/ws/terminal', ''),
    });
    await terminal.open({ token: learner.token, sessionId: id });
    await terminal.waitForText(LAB_00_PROMPT, 20_000);

    run = async (line: string) => {
      const before = terminal!.text().length;
      terminal!.type(`${line}\r`);
      await waitFor(
        () => LAB_00_PROMPT.test(terminal!.text().slice(before)),
        `prompt after "${line}"`,
      );
    };
    checkNat = async () => {
      const { checks } = await ctx.check(learner, id, 'nat', {
        answers: { quelladresse: '192.168.100.1' },
      });
      return Object.fromEntries(checks.map((c) => [c.id, c.status]));
    };

    for (const step of ['knoten', 'namespaces', 'veth', 'bridge', 'routen']) {
      for (const line of solutionLines(step)) await run(line);
    }
    await run('echo 1 > /proc/sys/net/ipv4/ip_forward');
  }, 300_000);
  afterAll(async () => {
    terminal?.close();
    await ctx?.close();
  });

  /** Starts from no NAT rule, no remembered connection and no route back on the server. */
  async function only(...lines: string[]) {
    await run('iptables -t nat -F POSTROUTING');
    await run('ip -n extern route flush 10.244.0.0/16 2>/dev/null; true');
    await run('conntrack -F 2>/dev/null; true');
    for (const line of lines) await run(line);
  }

  it.each([
    ['the reference rule', 'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 -o ext0 -j MASQUERADE'],
    [
      'SNAT to the node address',
      'iptables -t nat -A POSTROUTING -s 10.244.1.0/24 -o ext0 -j SNAT --to-source 192.168.100.1',
    ],
    ['a wider source net', 'iptables -t nat -A POSTROUTING -s 10.244.0.0/16 -j MASQUERADE'],
    ['only the interface', 'iptables -t nat -A POSTROUTING -o ext0 -j MASQUERADE'],
  ])(
    'passes %s',
    async (_name, rule) => {
      await only(rule);

      expect(await checkNat()).toEqual({
        forwarding: 'pass',
        masquerade: 'pass',
        'server-erreicht': 'pass',
        quelladresse: 'pass',
      });
    },
    60_000,
  );

  it('fails a rule on an interface that does not lead to the server', async () => {
    await only('iptables -t nat -A POSTROUTING -o ext1 -j MASQUERADE');

    expect(await checkNat()).toMatchObject({ masquerade: 'fail', 'server-erreicht': 'fail' });
  }, 60_000);

  it('fails a route back on the server instead of NAT: it sees the pod address', async () => {
    await only('ip -n extern route add 10.244.1.0/24 via 192.168.100.1');

    expect(await checkNat()).toMatchObject({ masquerade: 'fail', 'server-erreicht': 'pass' });
  }, 60_000);
});
