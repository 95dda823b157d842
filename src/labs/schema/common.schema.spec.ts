import type { z } from 'zod';
import {
  fieldAssertion,
  ipv4Cidr,
  jsonPath,
  k8sName,
  objectRef,
  podRef,
  port,
  protocol,
  reachabilityExpectation,
  regex,
  slug,
} from './common.schema.js';

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

describe('common lab schemas', () => {
  describe('ipv4Cidr', () => {
    it.each(['10.244.0.0/16', '0.0.0.0/0', '192.168.1.5/32'])('accepts %s', (value) => {
      expect(accepts(ipv4Cidr, value)).toBe(true);
    });

    it.each([
      '10.244.0.0',
      '10.244.0.0/',
      '10.244.0.0/33',
      '10.244.0.0/-1',
      '10.244.0.0/1.5',
      '10.244.0.0/ 16',
      '10.244.0.0/0x10',
      '10.244.0.0/16/8',
      '10.244.0/16',
      '10.256.0.0/16',
      'fd00::/64',
      '',
    ])('rejects %j', (value) => {
      expect(ipv4Cidr.safeParse(value).error?.issues[0].message).toBe(
        'ist kein gültiges IPv4-Netz (z. B. 10.244.0.0/16)',
      );
    });
  });

  describe('port and protocol', () => {
    it.each([1, 80, 65535])('accepts port %i', (value) => {
      expect(accepts(port, value)).toBe(true);
    });

    it.each([0, 65536, 70000, 80.5, '80'])('rejects port %j', (value) => {
      expect(accepts(port, value)).toBe(false);
    });

    it('defaults the protocol to TCP and rejects unknown ones', () => {
      expect(protocol.parse(undefined)).toBe('TCP');
      expect(protocol.parse('SCTP')).toBe('SCTP');
      expect(accepts(protocol, 'tcp')).toBe(false);
    });
  });

  describe('names', () => {
    it.each(['web', 'a', 'kube-system', 'x1-2'])('slug accepts %s', (value) => {
      expect(accepts(slug, value)).toBe(true);
    });

    it.each(['Web', '-web', 'web-', 'we_b', '', 'a'.repeat(64)])('slug rejects %j', (value) => {
      expect(accepts(slug, value)).toBe(false);
    });

    it.each(['web', 'coredns.kube-system', 'a'.repeat(253)])('k8sName accepts %s', (value) => {
      expect(accepts(k8sName, value)).toBe(true);
    });

    it.each(['Web', 'web.', '.web', 'we b', '', 'a'.repeat(254)])('k8sName rejects %j', (value) => {
      expect(accepts(k8sName, value)).toBe(false);
    });
  });

  describe('regex', () => {
    it('accepts a valid regular expression and rejects an invalid one', () => {
      expect(accepts(regex, String.raw`^kubectl get (nodes|no)\b`)).toBe(true);
      expect(regex.safeParse('(').error?.issues[0].message).toBe(
        'ist kein gültiger regulärer Ausdruck (RE2: missing closing ): „(“)',
      );
    });

    it('refuses what RE2 cannot run: backreferences and lookaround', () => {
      expect(regex.safeParse(String.raw`(a)\1`).error?.issues[0].message).toBe(
        'nutzt einen Rückverweis wie „\\1“; RE2 kennt keine Rückverweise',
      );
      expect(regex.safeParse('(?=x)').error?.issues[0].message).toBe(
        'nutzt Lookahead oder Lookbehind („(?=“, „(?!“, „(?<=“, „(?<!“); RE2 kennt beides nicht',
      );
    });
  });

  describe('jsonPath', () => {
    it.each(['{.status.podIP}', '.status.podIP', '{.items[0].spec.podCIDR}'])(
      'accepts %s',
      (value) => {
        expect(accepts(jsonPath, value)).toBe(true);
      },
    );

    it.each(['status.podIP', '', '{.a}{.b}'])('rejects %j', (value) => {
      expect(accepts(jsonPath, value)).toBe(false);
    });
  });

  describe('fieldAssertion', () => {
    it.each<Record<string, unknown>>([
      { equals: 'Running' },
      { matches: '^10\\.' },
      { contains: 'web' },
      { oneOf: ['Running', 'Succeeded'] },
      { exists: false },
    ])('accepts exactly one operator: %j', (operator) => {
      expect(accepts(fieldAssertion, { path: '{.status.phase}', ...operator })).toBe(true);
    });

    it('rejects two operators and no operator with the same message', () => {
      const message = 'braucht genau eine Bedingung: equals, matches, contains, oneOf oder exists';
      const two = fieldAssertion.safeParse({ path: '.a', equals: 1, exists: true });
      const none = fieldAssertion.safeParse({ path: '.a' });

      expect(two.error?.issues[0].message).toBe(message);
      expect(none.error?.issues[0].message).toBe(message);
    });
  });

  describe('objectRef', () => {
    it('defaults apiVersion to v1', () => {
      expect(objectRef.parse({ kind: 'Service', name: 'web' })).toEqual({
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
      });
    });

    it('rejects a kind that is not written like a Kubernetes kind', () => {
      expect(accepts(objectRef, { kind: 'pod' })).toBe(false);
    });

    it('rejects name and selector together', () => {
      expect(
        objectRef.safeParse({ kind: 'Pod', name: 'a', selector: 'app=a' }).error?.issues,
      ).toEqual([expect.objectContaining({ message: 'name und selector schließen sich aus' })]);
    });
  });

  describe('podRef', () => {
    it('defaults the namespace to default', () => {
      expect(podRef.parse({ selector: 'app=web' })).toEqual({
        namespace: 'default',
        selector: 'app=web',
      });
    });

    it.each([{}, { namespace: 'lab' }, { pod: 'web', selector: 'app=web' }])(
      'rejects %j: exactly one of pod or selector',
      (value) => {
        expect(podRef.safeParse(value).error?.issues).toEqual([
          expect.objectContaining({ message: 'braucht genau eines von pod oder selector' }),
        ]);
      },
    );
  });

  describe('reachabilityExpectation', () => {
    it('accepts exceptions written ns/pod -> ns/pod', () => {
      expect(
        reachabilityExpectation.parse({ default: 'deny', except: ['lab/a -> lab/b', 'x/y->z/w'] }),
      ).toEqual({ default: 'deny', except: ['lab/a -> lab/b', 'x/y->z/w'] });
    });

    it.each(['a -> b', 'lab/a', 'lab/a <- lab/b'])('rejects the exception %j', (exception) => {
      expect(accepts(reachabilityExpectation, { default: 'deny', except: [exception] })).toBe(
        false,
      );
    });
  });
});
