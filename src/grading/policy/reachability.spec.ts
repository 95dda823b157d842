import { namespace, networkPolicy, pod } from '../../../test/support/k8s-objects.js';
import type { Protocol } from './policy-model.js';
import { evaluateReachability } from './reachability.js';

const world = [
  namespace('x', { team: 'alpha' }),
  namespace('y', { team: 'beta' }),
  namespace('z'),
  pod('x/a', { ip: '10.244.1.10', ports: [{ name: 'http', containerPort: 80 }] }),
  pod('x/b', { ip: '10.244.1.11', ports: [{ name: 'http', containerPort: 8080 }] }),
  pod('y/a', { ip: '10.244.2.10' }),
  pod('y/b', { ip: '10.244.2.11' }),
  pod('z/a', { ip: '10.244.3.10' }),
];

/** `from -> to` of every allowed pair except a pod to itself. */
function allowedPairs(policies: object[], port = 80, protocol: Protocol = 'TCP'): string[] {
  return evaluateReachability([...world, ...policies], { port, protocol })
    .filter((r) => r.allowed && r.from !== r.to)
    .map((r) => `${r.from} -> ${r.to}`);
}

/** Sources allowed to reach `to`. */
const sourcesOf = (policies: object[], to: string, port = 80, protocol: Protocol = 'TCP') =>
  allowedPairs(policies, port, protocol)
    .filter((p) => p.endsWith(` -> ${to}`))
    .map((p) => p.split(' -> ')[0]);

/** Destinations `from` may reach. */
const targetsOf = (policies: object[], from: string, port = 80, protocol: Protocol = 'TCP') =>
  allowedPairs(policies, port, protocol)
    .filter((p) => p.startsWith(`${from} -> `))
    .map((p) => p.split(' -> ')[1]);

const ALL = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
const others = (self: string) => ALL.filter((p) => p !== self);

describe(evaluateReachability.name, () => {
  it('allows everything without policies, over all pairs including loopback', () => {
    const results = evaluateReachability(world, { port: 80, protocol: 'TCP' });
    expect(results).toHaveLength(25);
    expect(results[1]).toEqual({
      from: 'x/a',
      to: 'x/b',
      port: 80,
      protocol: 'TCP',
      allowed: true,
    });
    expect(results.every((r) => r.allowed)).toBe(true);
  });

  it('isolates only pods the policy selects in its own namespace', () => {
    const deny = networkPolicy('x/deny', { podSelector: { matchLabels: { app: 'a' } } });
    expect(sourcesOf([deny], 'x/a')).toEqual([]);
    expect(sourcesOf([deny], 'x/b')).toEqual(others('x/b'));
    expect(sourcesOf([deny], 'y/a')).toEqual(others('y/a'));
  });

  describe('empty and absent fields', () => {
    it('denies all ingress with an empty ingress list and with none', () => {
      expect(sourcesOf([networkPolicy('x/d', { ingress: [] })], 'x/a')).toEqual([]);
      const absent = networkPolicy('x/d', { policyTypes: ['Ingress'] });
      expect(sourcesOf([absent], 'x/a')).toEqual([]);
    });

    it('allows all peers with an empty from list or no from, and all ports without ports', () => {
      for (const rule of [{}, { from: [] }, { from: [], ports: [] }]) {
        const policy = networkPolicy('x/all', { ingress: [rule] });
        expect(sourcesOf([policy], 'x/a')).toEqual(others('x/a'));
        expect(sourcesOf([policy], 'x/a', 5432, 'UDP')).toEqual(others('x/a'));
      }
    });

    it('selects all pods of the namespace with podSelector {}', () => {
      const deny = networkPolicy('x/deny', { podSelector: {}, ingress: [] });
      expect(
        allowedPairs([deny]).filter((p) => p.endsWith('-> x/a') || p.endsWith('-> x/b')),
      ).toEqual([]);
    });
  });

  describe('policyTypes', () => {
    const toY = { to: [{ namespaceSelector: { matchLabels: { team: 'beta' } } }] };

    it('defaults to Ingress only when the spec has no egress rules', () => {
      const policy = networkPolicy('x/p', { ingress: [{}] });
      expect(targetsOf([policy], 'x/a')).toEqual(others('x/a'));
      // The API server's defaulting looks at len(egress): an empty list adds no Egress.
      const emptyEgress = networkPolicy('x/p', { ingress: [{}], egress: [] });
      expect(targetsOf([emptyEgress], 'x/a')).toEqual(others('x/a'));
    });

    it('adds Egress by default when the spec has egress rules', () => {
      const policy = networkPolicy('x/p', { egress: [toY] });
      expect(targetsOf([policy], 'x/a')).toEqual(['y/a', 'y/b']);
      // …and Ingress too, with no ingress rules: deny.
      expect(sourcesOf([policy], 'x/a')).toEqual([]);
    });

    it('denies all egress with policyTypes [Egress] and no egress field', () => {
      const policy = networkPolicy('x/p', { policyTypes: ['Egress'] });
      expect(targetsOf([policy], 'x/a')).toEqual([]);
      // Ingress to x/a stays open; only x/b, isolated for egress as well, cannot send.
      expect(sourcesOf([policy], 'x/a')).toEqual(['y/a', 'y/b', 'z/a']);
    });

    it('ignores egress rules when policyTypes names only Ingress', () => {
      const policy = networkPolicy('x/p', {
        policyTypes: ['Ingress'],
        ingress: [{}],
        egress: [toY],
      });
      expect(targetsOf([policy], 'x/a')).toEqual(others('x/a'));
    });
  });

  describe('peers', () => {
    const ingressFrom = (...from: object[]) =>
      networkPolicy('x/p', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from }] });

    it('reads podSelector alone in the policy namespace only', () => {
      expect(
        sourcesOf([ingressFrom({ podSelector: { matchLabels: { app: 'b' } } })], 'x/a'),
      ).toEqual(['x/b']);
    });

    it('reads namespaceSelector alone as all pods of the matching namespaces', () => {
      const policy = ingressFrom({ namespaceSelector: { matchLabels: { team: 'beta' } } });
      expect(sourcesOf([policy], 'x/a')).toEqual(['y/a', 'y/b']);
    });

    it('matches namespaces by the kubernetes.io/metadata.name label set automatically', () => {
      const policy = ingressFrom({
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } },
      });
      expect(sourcesOf([policy], 'x/a')).toEqual(['z/a']);
    });

    it('ANDs namespaceSelector and podSelector in one peer, ORs two peers', () => {
      const beta = { namespaceSelector: { matchLabels: { team: 'beta' } } };
      const appB = { podSelector: { matchLabels: { app: 'b' } } };
      expect(sourcesOf([ingressFrom({ ...beta, ...appB })], 'x/a')).toEqual(['y/b']);
      expect(sourcesOf([ingressFrom(beta, appB)], 'x/a')).toEqual(['x/b', 'y/a', 'y/b']);
    });

    it('supports matchExpressions in both selectors', () => {
      const policy = ingressFrom({
        namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] },
        podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['b'] }] },
      });
      expect(sourcesOf([policy], 'x/a')).toEqual(['z/a']);
      const exists = ingressFrom({
        namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] },
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] },
      });
      expect(sourcesOf([exists], 'x/a')).toEqual(['y/a']);
    });

    it('applies ipBlock with except to pod IPs', () => {
      const policy = ingressFrom({
        ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24', '10.244.3.10/32'] },
      });
      expect(sourcesOf([policy], 'x/a')).toEqual(['x/b']);
    });

    it('does not match a pod without IP by ipBlock', () => {
      const objects = [...world, pod('z/pending'), ingressFrom({ ipBlock: { cidr: '0.0.0.0/0' } })];
      const r = evaluateReachability(objects, { port: 80, protocol: 'TCP' });
      expect(r.find((c) => c.from === 'z/pending' && c.to === 'x/a')?.allowed).toBe(false);
      expect(r.find((c) => c.from === 'z/a' && c.to === 'x/a')?.allowed).toBe(true);
    });
  });

  describe('ports', () => {
    const ingressOn = (...ports: object[]) => networkPolicy('x/p', { ingress: [{ ports }] });

    it('matches protocol exactly, TCP by default', () => {
      expect(sourcesOf([ingressOn({ port: 80 })], 'x/a', 80, 'TCP')).toHaveLength(4);
      expect(sourcesOf([ingressOn({ port: 80 })], 'x/a', 80, 'UDP')).toEqual([]);
      const sctp = ingressOn({ port: 80, protocol: 'SCTP' });
      expect(sourcesOf([sctp], 'x/a', 80, 'SCTP')).toHaveLength(4);
      expect(sourcesOf([sctp], 'x/a', 80, 'TCP')).toEqual([]);
    });

    it('allows a range with endPort, bounds included', () => {
      const range = ingressOn({ port: 8000, endPort: 8080 });
      expect(sourcesOf([range], 'x/a', 8000)).toHaveLength(4);
      expect(sourcesOf([range], 'x/a', 8080)).toHaveLength(4);
      expect(sourcesOf([range], 'x/a', 8081)).toEqual([]);
      expect(sourcesOf([range], 'x/a', 7999)).toEqual([]);
    });

    it('resolves a named ingress port against the destination pod', () => {
      const named = ingressOn({ port: 'http' });
      // x/a names 80 "http", x/b names 8080 "http".
      expect(sourcesOf([named], 'x/a', 80)).toHaveLength(4);
      expect(sourcesOf([named], 'x/a', 8080)).toEqual([]);
      expect(sourcesOf([named], 'x/b', 8080)).toHaveLength(4);
      expect(sourcesOf([named], 'x/b', 80)).toEqual([]);
      expect(sourcesOf([ingressOn({ port: 'http', protocol: 'UDP' })], 'x/a', 80, 'UDP')).toEqual(
        [],
      );
    });

    it('resolves a named egress port against the destination pod too', () => {
      const egress = networkPolicy('y/p', {
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'http' }] }],
      });
      expect(targetsOf([egress], 'y/a', 80)).toEqual(['x/a']);
      expect(targetsOf([egress], 'y/a', 8080)).toEqual(['x/b']);
    });
  });

  it('needs egress from the source and ingress to the destination', () => {
    const denyEgressX = networkPolicy('x/no-egress', { policyTypes: ['Egress'] });
    const allowIngressY = networkPolicy('y/allow', { ingress: [{}] });
    expect(sourcesOf([denyEgressX, allowIngressY], 'y/a')).toEqual(['y/b', 'z/a']);

    const allowEgressX = networkPolicy('x/egress', { policyTypes: ['Egress'], egress: [{}] });
    const denyIngressY = networkPolicy('y/deny', { ingress: [] });
    expect(targetsOf([allowEgressX, denyIngressY], 'x/a')).toEqual(['x/b', 'z/a']);
  });

  it('adds up the rules of all policies selecting a pod', () => {
    const fromB = networkPolicy('x/from-b', {
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
    });
    const fromZ = networkPolicy('x/from-z', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'z' } } }] },
      ],
    });
    expect(sourcesOf([fromB, fromZ], 'x/a')).toEqual(['x/b', 'z/a']);
    expect(sourcesOf([fromB, fromZ], 'x/b')).toEqual([]);
  });
});
