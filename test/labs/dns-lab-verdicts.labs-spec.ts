import { SimLabWalk, type TypedCommand } from '../support/cluster-sim/sim-lab-walk.js';

/**
 * Issue #15 on lab 03-dns: each case is a false pass or a false fail the review found, played on
 * SimCluster, and shows the verdict the learner deserves.
 */
const LAB = '03-dns';

describe(`${LAB}: verdicts`, () => {
  describe('resolv-conf and coredns ask what only the learner’s cluster answers', () => {
    it.each([
      ['resolv-conf', ['10.96.0.10', 'lab.svc.cluster.local', 'ndots:5', 'ndots: 5']],
      ['coredns', ['kl-sim-control-plane', 'cluster.local']],
    ])('%s: the text does not print the answers (%j)', async (stepId, printed) => {
      const walk = await SimLabWalk.at(LAB, stepId);
      for (const answer of printed) expect(walk.step.markdown).not.toContain(answer);
      // The questions are still the learner's cluster's: its values pass.
      const answerIds = walk.step.checks.filter((c) => c.kind === 'answer').map((c) => c.id);
      const graded = await walk.grade({ checks: answerIds });
      expect(Object.values(graded).every((s) => s === 'pass')).toBe(true);
    });

    it('coredns: a name the text mentions is no answer to where CoreDNS runs', async () => {
      const walk = await SimLabWalk.at(LAB, 'coredns');
      const graded = await walk.grade({
        checks: ['coredns-knoten'],
        answers: { 'coredns-knoten': 'kl-sim-worker' },
      });
      expect(graded).toEqual({ 'coredns-knoten': 'fail' });
    });
  });

  describe('resolv-conf: reading the pod’s file the ways a learner does', () => {
    const read = async (command: string) =>
      (
        await (
          await SimLabWalk.at(LAB, 'resolv-conf')
        ).grade({
          checks: ['resolv-conf-gelesen'],
          commands: [{ command }],
        })
      )['resolv-conf-gelesen'];

    it.each([
      'kubectl -n lab exec probe -- cat /etc/resolv.conf',
      'kubectl -n lab exec -it probe -- sh',
      'kubectl exec -n lab -ti probe -- /bin/bash',
      'k -n lab exec probe -- cat /etc/resolv.conf',
      'R=$(kubectl -n lab exec probe -- cat /etc/resolv.conf) && echo "$R"',
      'kubectl -n lab exec probe -- grep search /etc/resolv.conf',
    ])('passes for %j', async (command) => {
      expect(await read(command)).toBe('pass');
    });

    it.each([
      'cat /etc/resolv.conf',
      'kubectl -n lab get pod probe -o yaml',
      'kubectl -n lab exec probe -- sh -c hostname',
    ])('fails for %j, which does not read the pod’s file', async (command) => {
      expect(await read(command)).toBe('fail');
    });
  });

  describe('pod-namen: the transcript asks for a resolver run on a pod name', () => {
    const resolved = async (typed: TypedCommand) =>
      (
        await (
          await SimLabWalk.at(LAB, 'pod-namen')
        ).grade({
          checks: ['pod-name-abgefragt'],
          commands: [typed],
        })
      )['pod-name-abgefragt'];

    it('fails for echo, which only prints the name', async () => {
      expect(
        await resolved({
          command: 'echo 10-1-2-3.lab.pod.cluster.local',
          output: '10-1-2-3.lab.pod.cluster.local',
        }),
      ).toBe('fail');
    });

    it.each([
      ['kubectl -n lab exec probe -- dig +short 10-244-1-5.lab.pod.cluster.local', '10.244.1.5'],
      ['k -n lab exec probe -- nslookup 10-244-1-5.lab.pod.cluster.local.', 'Address: 10.244.1.5'],
    ])('passes for %j', async (command, output) => {
      expect(await resolved({ command, output })).toBe('pass');
    });
  });

  describe('es-war-dns: the timeout seen must be the one the policies cause, for web', () => {
    const seen = async (typed: TypedCommand) => {
      const walk = await (await SimLabWalk.at(LAB, 'es-war-dns')).solve();
      return (await walk.grade({ checks: ['dns-fehler-gesehen'], commands: [typed] }))[
        'dns-fehler-gesehen'
      ];
    };

    it.each<TypedCommand>([
      {
        command: 'kubectl -n lab exec probe -- curl -sS -m 5 http://wbe/hostname',
        output: 'curl: (6) Could not resolve host: wbe',
        exitCode: 6,
      },
      {
        command: 'kubectl -n lab exec probe -- nslookup webx',
        output: ';; connection timed out; no servers could be reached',
        exitCode: 1,
      },
    ])('fails for a typo: %j', async (typed) => {
      expect(await seen(typed)).toBe('fail');
    });

    it.each<TypedCommand>([
      {
        command: 'kubectl -n lab exec probe -- nslookup web',
        output: ';; connection timed out; no servers could be reached',
        exitCode: 1,
      },
      {
        command: 'k -n lab exec probe -- curl -sS -m 5 http://web.lab/hostname',
        output: 'curl: (28) Resolving timed out after 5000 milliseconds',
        exitCode: 28,
      },
    ])('passes for %j', async (typed) => {
      expect(await seen(typed)).toBe('pass');
    });
  });

  describe('dns-erlauben: DNS to CoreDNS and nowhere else in kube-system', () => {
    const orPeers = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns-erlauben, namespace: lab}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
        - podSelector: {matchLabels: {k8s-app: kube-dns}}
      ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`;

    it('fails for the OR of two peers, which opens all of kube-system', async () => {
      const walk = (await SimLabWalk.at(LAB, 'dns-erlauben')).apply(orPeers);
      expect(await walk.grade({ checks: ['dns-udp', 'dns-tcp', 'web-wieder'] })).toEqual({
        'dns-udp': 'fail',
        'dns-tcp': 'fail',
        'web-wieder': 'pass',
      });
      expect(await walk.hints({ checks: ['dns-udp'] })).toEqual([
        expect.stringContaining('auch zu metrics-agent'),
      ]);
    });

    it('passes for the AND in one peer', async () => {
      const walk = await (await SimLabWalk.at(LAB, 'dns-erlauben')).solve();
      expect(await walk.grade({ checks: ['dns-udp', 'dns-tcp'] })).toEqual({
        'dns-udp': 'pass',
        'dns-tcp': 'pass',
      });
    });
  });
});
