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
    // What curl 7.88 in the lab's pods really prints (seen on real kind).
    expect(
      await seen(
        "curl: (7) Failed to connect to api port 80 after 0 ms: Couldn't connect to server",
      ),
    ).toBe('pass');
  });
});

describe(`${LAB}: firmen-namen (the block for firma.intern in the Corefile has a typo in its zone)`, () => {
  const tried = [{ command: 'kubectl -n app exec client -- dig +search wiki.firma.intern' }];
  const corefile = (stub: string, root = true) => `apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
${[
  ...(root
    ? [
        '.:53 {',
        '    errors',
        '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
        '       pods insecure',
        '    }',
        '    forward . /etc/resolv.conf',
        '    reload',
        '}',
      ]
    : []),
  ...stub.split('\n'),
]
  .map((line) => `    ${line}`)
  .join('\n')}
`;

  it('the reference repair passes every check', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'firmen-namen')).solve();
    expect(await walk.grade({ commands: tried })).toEqual({
      'wiki-aufgeloest': 'pass',
      'cluster-namen': 'pass',
      'stub-zone': 'pass',
      'coredns-erreichbar': 'pass',
      'namen-probiert': 'pass',
    });
  });

  it('only restarting CoreDNS fails: the new pods read the same Corefile', async () => {
    const walk = await SimLabWalk.at(LAB, 'firmen-namen');
    walk.target.cluster.runScript('kubectl -n kube-system delete pod -l k8s-app=kube-dns');
    expect(await walk.grade({ commands: tried })).toEqual({
      'wiki-aufgeloest': 'fail',
      'cluster-namen': 'pass',
      'stub-zone': 'fail',
      'coredns-erreichbar': 'pass',
      'namen-probiert': 'pass',
    });
    expect(await walk.hints({ commands: tried })).toContain(
      'Ein Neustart von CoreDNS allein ändert nichts: Die neuen Pods lesen dasselbe Corefile.',
    );
  });

  it('a Corefile with only the zone of the firm loses the names in the cluster', async () => {
    const walk = (await SimLabWalk.at(LAB, 'firmen-namen')).apply(
      corefile('firma.intern:53 {\n    forward . 10.96.0.53\n}', false),
    );
    expect(await walk.grade({ commands: tried })).toMatchObject({
      'wiki-aufgeloest': 'pass',
      'cluster-namen': 'fail',
      'stub-zone': 'pass',
    });
  });

  it('accepts other spellings of the same upstream, not another address', async () => {
    const verdicts = async (stub: string) => {
      const walk = (await SimLabWalk.at(LAB, 'firmen-namen')).apply(corefile(stub));
      const graded = await walk.grade({ checks: ['wiki-aufgeloest', 'stub-zone'] });
      return [graded['wiki-aufgeloest'], graded['stub-zone']];
    };
    expect(await verdicts('firma.intern {\n    forward . dns://10.96.0.53:53\n}')).toEqual([
      'pass',
      'pass',
    ]);
    expect(await verdicts('firma.intern:53 {\n    cache 30\n    forward . 10.96.0.54\n}')).toEqual([
      'fail',
      'fail',
    ]);
  });

  it('counts asking for the name, not a command that only prints it', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'firmen-namen')).solve();
    const seen = async (command: string) =>
      (await walk.grade({ checks: ['namen-probiert'], commands: [{ command }] }))['namen-probiert'];
    expect(await seen('echo wiki.firma.intern')).toBe('fail');
    expect(await seen('kubectl -n app exec -it client -- nslookup wiki.firma.intern')).toBe('pass');
    // typed in a shell inside the client (kubectl exec -it client -- sh)
    expect(await seen('dig +short wiki.firma.intern')).toBe('pass');
  });
});

describe(`${LAB}: hostport (the agent maps the wrong port of the node)`, () => {
  const tried = [
    {
      command:
        'kubectl -n monitoring exec scraper -- curl -sS --max-time 3 http://172.18.0.3:9100/hostname',
    },
  ];

  it('the reference repair passes every check', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'hostport')).solve();
    expect(await walk.grade({ commands: tried })).toEqual({
      'agent-control-plane': 'pass',
      'agent-worker': 'pass',
      'agent-worker2': 'pass',
      'agent-hostport': 'pass',
      'knoten-probiert': 'pass',
    });
  });

  it('restarting the agent pods fails: the DaemonSet still asks for port 9010', async () => {
    const walk = await SimLabWalk.at(LAB, 'hostport');
    walk.target.cluster.runScript('kubectl -n monitoring delete pod -l app=agent');
    expect(await walk.grade({ commands: tried })).toEqual({
      'agent-control-plane': 'fail',
      'agent-worker': 'fail',
      'agent-worker2': 'fail',
      'agent-hostport': 'fail',
      'knoten-probiert': 'pass',
    });
  });

  it('a NodePort service is no repair: the nodes must answer on 9100', async () => {
    const walk = (await SimLabWalk.at(LAB, 'hostport')).apply(`apiVersion: v1
kind: Service
metadata: {name: agent, namespace: monitoring}
spec:
  type: NodePort
  selector: {app: agent}
  ports: [{port: 9100, targetPort: 9100}]
`);
    expect(await walk.grade({ checks: ['agent-worker', 'agent-hostport'] })).toEqual({
      'agent-worker': 'fail',
      'agent-hostport': 'fail',
    });
  });
});

describe(`${LAB}: kindnet-weg (made when the step begins: kindnet left the control plane)`, () => {
  const looked = [{ command: 'ip route' }];

  it('the step begins broken: the agent on the control plane is cut off, kindnet misses a node', async () => {
    const walk = await SimLabWalk.at(LAB, 'kindnet-weg');
    expect(await walk.grade({ commands: looked })).toEqual({
      'kindnet-ueberall': 'fail',
      'agenten-netz': 'fail',
      'routen-angesehen': 'pass',
    });
  });

  it('the reference repair passes every check', async () => {
    const walk = await (await SimLabWalk.at(LAB, 'kindnet-weg')).solve();
    expect(await walk.grade({ commands: looked })).toEqual({
      'kindnet-ueberall': 'pass',
      'agenten-netz': 'pass',
      'routen-angesehen': 'pass',
    });
  });

  it.each([
    ['restarting the kindnet pods', 'kubectl -n kube-system delete pod -l app=kindnet'],
    [
      'deleting the pod that played the restart',
      'kubectl -n kube-system delete pod stoerung-neustart',
    ],
  ])('%s is no repair: the DaemonSet still leaves the control plane out', async (_, command) => {
    const walk = await SimLabWalk.at(LAB, 'kindnet-weg');
    walk.target.cluster.runScript(command);
    expect(await walk.grade({ checks: ['kindnet-ueberall', 'agenten-netz'] })).toEqual({
      'kindnet-ueberall': 'fail',
      'agenten-netz': 'fail',
    });
    expect(await walk.hints({ checks: ['kindnet-ueberall'] })).toContain(
      'Ein Neustart der kindnet-Pods oder eine Route von Hand hilft nicht auf Dauer: Das DaemonSet selbst lässt einen Knoten aus.',
    );
  });

  it('counts looking at a node’s routes in the forms a learner types', async () => {
    const walk = await SimLabWalk.at(LAB, 'kindnet-weg');
    const seen = async (command: string) =>
      (await walk.grade({ checks: ['routen-angesehen'], commands: [{ command }] }))[
        'routen-angesehen'
      ];
    expect(await seen('ip r')).toBe('pass');
    expect(await seen('ip -4 route show')).toBe('pass');
    expect(await seen('ip route get 10.244.1.5')).toBe('pass');
    expect(await seen('echo ip route')).toBe('fail');
    expect(await seen('ip -br addr')).toBe('fail');
  });
});
