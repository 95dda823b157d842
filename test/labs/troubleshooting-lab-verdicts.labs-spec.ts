import { SimLabWalk } from '../support/cluster-sim/sim-lab-walk.js';

/**
 * Lab 05-fehlersuche: a repair counts by what it leaves working, whatever form it takes, and
 * a repair that gives up the intent (opening the fence) does not count.
 */
const LAB = '05-fehlersuche';

describe(`${LAB}: verdicts`, () => {
  it('dns-zuerst: deleting the fence makes DNS work but fails, db is reachable', async () => {
    const walk = await SimLabWalk.at(LAB, 'dns-zuerst');
    walk.target.cluster.runScript('kubectl -n app delete networkpolicy client-egress');
    expect(await walk.grade()).toEqual({
      'web-aufgeloest': 'pass',
      'dns-udp': 'pass',
      'dns-tcp': 'pass',
      'db-bleibt-zu': 'fail',
    });
  });

  it('dns-zuerst: DNS over UDP only fails on TCP', async () => {
    const walk = (await SimLabWalk.at(LAB, 'dns-zuerst')).apply(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dns, namespace: app}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
      ports: [{protocol: UDP, port: 53}]
`);
    expect(await walk.grade()).toEqual({
      'web-aufgeloest': 'pass',
      'dns-udp': 'pass',
      'dns-tcp': 'fail',
      'db-bleibt-zu': 'pass',
    });
  });

  it('falsche-pods: relabelling the stray pod is a repair as good as a new selector', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'falsche-pods')).solve();
    const solved = await walk.grade({
      commands: [{ command: 'k -n app describe svc web' }],
    });
    const relabelled = await SimLabWalk.at(LAB, 'falsche-pods');
    relabelled.target.cluster.runScript(
      'kubectl -n app label pod wartung tier=wartung --overwrite',
    );
    expect(
      await relabelled.grade({
        commands: [{ command: 'kubectl -n app get endpointslices -o wide' }],
      }),
    ).toEqual(solved);
    expect(solved).toEqual({
      'web-endpunkte': 'pass',
      'web-erreichbar': 'pass',
      'endpunkte-angesehen': 'pass',
    });
  });

  it('falscher-port: a timeout is not the refusal the step asks the learner to see', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'falscher-port')).solve();
    const seen = async (output: string) =>
      (
        await walk.grade({
          checks: ['abgelehnt-gesehen'],
          commands: [
            {
              command: 'kubectl -n app exec client -- curl -sS --max-time 3 http://api/hostname',
              output,
              exitCode: 7,
            },
          ],
        })
      )['abgelehnt-gesehen'];
    expect(await seen('curl: (28) Connection timed out after 3001 milliseconds')).toBe('fail');
    expect(
      await seen('curl: (7) Failed to connect to api port 80 after 2 ms: Connection refused'),
    ).toBe('pass');
  });
});
