import { namespace, networkPolicy, pod } from '../../../test/support/k8s-objects.js';
import { ClusterStateError } from './cluster-state.js';
import { explainConnection } from './explain.js';

const world = [
  namespace('x'),
  namespace('y'),
  pod('x/a', { ip: '10.244.1.10' }),
  pod('y/b', { ip: '10.244.2.11', ports: [{ name: 'http', containerPort: 80 }] }),
];
const denyEgressX = networkPolicy('x/deny-egress', { policyTypes: ['Egress'] });
const dnsOnly = networkPolicy('x/dns', {
  policyTypes: ['Egress'],
  egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
});
const fromX = networkPolicy('y/from-x', {
  podSelector: { matchLabels: { app: 'b' } },
  ingress: [
    { from: [{ podSelector: {} }] },
    {
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }],
      ports: [{ port: 'http' }],
    },
  ],
});

describe(explainConnection.name, () => {
  it('explains an open connection: no isolation either way', () => {
    const e = explainConnection(world, 'x/a', 'y/b', 80);
    expect(e).toMatchObject({ allowed: true, protocol: 'TCP', port: 80 });
    expect(e.egress).toMatchObject({ pod: 'x/a', isolated: false, allowed: true, rules: [] });
    expect(e.text[0]).toBe('Verbindung x/a → y/b auf Port 80/TCP: erlaubt.');
    expect(e.text).toContain(
      '  x/a ist für Egress nicht isoliert: keine NetworkPolicy mit policyType Egress wählt den Pod aus, also ist alles erlaubt.',
    );
  });

  it('names the rule that allows ingress, with policy and rule index', () => {
    const e = explainConnection([...world, fromX], 'x/a', 'y/b', 80, 'TCP');
    expect(e.allowed).toBe(true);
    expect(e.ingress.isolatingPolicies).toEqual(['y/from-x']);
    expect(e.ingress.rules).toEqual([
      {
        policy: 'y/from-x',
        ruleIndex: 0,
        peerMatches: false,
        portMatches: true,
        peers: ['podSelector {} im Namespace y'],
        ports: [],
      },
      {
        policy: 'y/from-x',
        ruleIndex: 1,
        peerMatches: true,
        portMatches: true,
        peers: ['namespaceSelector kubernetes.io/metadata.name=x'],
        ports: ['http/TCP'],
      },
    ]);
    expect(e.text).toContain('  y/from-x ingress[1] erlaubt Port 80/TCP von x/a.');
  });

  it('says why nothing allows egress, rule by rule', () => {
    const e = explainConnection([...world, denyEgressX, dnsOnly, fromX], 'x/a', 'y/b', 80);
    expect(e.allowed).toBe(false);
    expect(e.egress).toMatchObject({
      isolated: true,
      allowed: false,
      isolatingPolicies: ['x/deny-egress', 'x/dns'],
    });
    expect(e.ingress.allowed).toBe(true);
    expect(e.text).toEqual(
      expect.arrayContaining([
        'Verbindung x/a → y/b auf Port 80/TCP: blockiert.',
        '  x/a ist für Egress isoliert durch: x/deny-egress, x/dns.',
        '  Keine Egress-Regel von x/a erlaubt Port 80/TCP zu y/b.',
        '  - x/deny-egress hat keine Egress-Regeln und blockiert damit allen Egress-Verkehr.',
        '  - x/dns egress[0]: y/b passt, aber der Port nicht (nur 53/UDP).',
      ]),
    );
  });

  it('says when the peer does not match an ingress rule', () => {
    const e = explainConnection([...world, fromX], 'x/a', 'y/b', 8080);
    expect(e.allowed).toBe(false);
    expect(e.text).toEqual(
      expect.arrayContaining([
        '  Keine Ingress-Regel von y/b erlaubt Port 8080/TCP von x/a.',
        '  - y/from-x ingress[0]: x/a gehört nicht zu den Quellen (podSelector {} im Namespace y).',
        '  - y/from-x ingress[1]: x/a passt, aber der Port nicht (nur http/TCP).',
      ]),
    );
  });

  it('rejects an unknown pod', () => {
    expect(() => explainConnection(world, 'x/zz', 'y/b', 80)).toThrow(ClusterStateError);
    expect(() => explainConnection(world, 'x/zz', 'y/b', 80)).toThrow('Pod x/zz nicht gefunden');
  });
});
