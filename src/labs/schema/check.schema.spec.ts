import { CHECK_KINDS, checkSchema, hintSchema } from './check.schema.js';

/** One minimal, valid example per check kind, as a lab author would write it. */
const EXAMPLES = {
  resource: { kind: 'resource', object: { kind: 'Pod', namespace: 'lab', name: 'web' } },
  answer: {
    id: 'anzahl',
    kind: 'answer',
    prompt: 'Wie viele Knoten?',
    type: 'number',
    expected: { value: 3 },
  },
  connectivity: {
    kind: 'connectivity',
    from: { namespace: 'lab', selector: 'app=probe' },
    to: { namespace: 'lab', service: 'web', port: 80 },
    expect: 'allow',
  },
  reachability: {
    kind: 'reachability',
    pods: [{ namespace: 'lab', selector: 'app=web' }],
    port: 8080,
    expect: { default: 'deny', except: ['lab/a -> lab/b'] },
  },
  dns: {
    kind: 'dns',
    from: { pod: 'probe' },
    query: 'web.lab.svc.cluster.local',
    expect: { serviceIp: { namespace: 'lab', name: 'web' } },
  },
  sourceIp: {
    kind: 'sourceIp',
    from: { node: 'worker' },
    to: { ip: '10.244.1.5', port: 80 },
    expect: 'nodeIp',
  },
  nodeExec: { kind: 'nodeExec', command: ['iptables-save'] },
  kubeProxyRules: { kind: 'kubeProxyRules', service: { namespace: 'lab', name: 'web' } },
  policy: {
    kind: 'policy',
    pods: [{ namespace: 'lab', pod: 'web' }],
    port: 53,
    protocol: 'UDP',
    expect: { default: 'allow' },
  },
  transcript: { kind: 'transcript', command: '^kubectl get pods' },
} as const;

type Example = Record<string, unknown>;

function withChange(kind: keyof typeof EXAMPLES, change: Example): Example {
  return { ...EXAMPLES[kind], ...change };
}

function without(kind: keyof typeof EXAMPLES, key: string): Example {
  return Object.fromEntries(Object.entries(EXAMPLES[kind]).filter(([k]) => k !== key));
}

describe('checkSchema', () => {
  it('CHECK_KINDS lists all ten kinds', () => {
    expect([...CHECK_KINDS].sort()).toEqual(Object.keys(EXAMPLES).sort());
    expect(CHECK_KINDS).toHaveLength(10);
  });

  it.each(Object.entries(EXAMPLES))('accepts a minimal %s check', (_, example) => {
    expect(checkSchema.safeParse(example).error?.issues).toBeUndefined();
  });

  it('accepts a node as the target of a probe (a hostPort there)', () => {
    const parsed = checkSchema.safeParse(
      withChange('connectivity', { to: { node: 'worker2', port: 9100 } }),
    );
    expect(parsed.error?.issues).toBeUndefined();
  });

  describe('applies defaults', () => {
    it('resource: expect exists, no field assertions', () => {
      expect(checkSchema.parse(EXAMPLES.resource)).toEqual({
        kind: 'resource',
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' },
        expect: 'exists',
        fields: [],
      });
    });

    it('connectivity: namespace default of the source, protocol TCP of the target', () => {
      const parsed = checkSchema.parse(withChange('connectivity', { from: { pod: 'probe' } }));

      expect(parsed).toMatchObject({
        from: { namespace: 'default', pod: 'probe' },
        to: { service: 'web', port: 80, protocol: 'TCP' },
      });
    });

    it('reachability: protocol TCP', () => {
      expect(checkSchema.parse(EXAMPLES.reachability)).toMatchObject({ protocol: 'TCP' });
    });

    it('reachability: no exceptions', () => {
      const parsed = checkSchema.parse(withChange('reachability', { expect: { default: 'deny' } }));

      expect(parsed).toMatchObject({ expect: { default: 'deny', except: [] } });
    });

    it('policy: keeps an explicit protocol', () => {
      expect(checkSchema.parse(EXAMPLES.policy)).toMatchObject({
        protocol: 'UDP',
        expect: { default: 'allow', except: [] },
      });
    });

    it('dns: record type A, source namespace default', () => {
      expect(checkSchema.parse(EXAMPLES.dns)).toMatchObject({
        type: 'A',
        from: { namespace: 'default', pod: 'probe' },
      });
    });

    it('sourceIp: protocol TCP of the target', () => {
      expect(checkSchema.parse(EXAMPLES.sourceIp)).toMatchObject({
        to: { ip: '10.244.1.5', port: 80, protocol: 'TCP' },
      });
    });

    it('nodeExec: node control-plane and exit code 0', () => {
      expect(checkSchema.parse(EXAMPLES.nodeExec)).toEqual({
        kind: 'nodeExec',
        node: 'control-plane',
        command: ['iptables-save'],
        expect: { exitCode: 0 },
      });
    });

    it('nodeExec: exit code 0 when only the output is expected', () => {
      const parsed = checkSchema.parse(
        withChange('nodeExec', { expect: { stdout: { contains: 'KUBE-SVC' } } }),
      );

      expect(parsed).toMatchObject({ expect: { exitCode: 0, stdout: { contains: 'KUBE-SVC' } } });
    });

    it('transcript: since step', () => {
      expect(checkSchema.parse(EXAMPLES.transcript)).toEqual({
        kind: 'transcript',
        command: '^kubectl get pods',
        since: 'step',
      });
    });

    it('answer: an object reference defaults to apiVersion v1', () => {
      const parsed = checkSchema.parse(
        withChange('answer', {
          expected: { object: { kind: 'Pod', name: 'web' }, path: '{.status.podIP}' },
        }),
      );

      expect(parsed).toMatchObject({
        expected: { object: { apiVersion: 'v1', kind: 'Pod', name: 'web' } },
      });
    });
  });

  it.each<[string, Example, string]>([
    [
      'connectivity to both a pod and a service',
      withChange('connectivity', { to: { pod: 'web', service: 'web', port: 80 } }),
      'to',
    ],
    [
      'a nodePort without a service',
      withChange('connectivity', { to: { pod: 'web', port: 80, nodePort: 'worker' } }),
      'to.nodePort',
    ],
    [
      'a node and a pod as one target',
      withChange('connectivity', { to: { node: 'worker', pod: 'web', port: 9100 } }),
      'to',
    ],
    [
      'connectivity to no target at all',
      withChange('connectivity', { to: { namespace: 'lab', port: 80 } }),
      'to',
    ],
    [
      'a pod reference with neither pod nor selector',
      withChange('connectivity', { from: { namespace: 'lab' } }),
      'from',
    ],
    [
      'a pod reference with both pod and selector',
      withChange('dns', { from: { pod: 'probe', selector: 'app=probe' } }),
      'from',
    ],
    [
      'a field assertion with two operators',
      withChange('resource', { fields: [{ path: '{.status.phase}', equals: 'A', contains: 'B' }] }),
      'fields.0',
    ],
    [
      'a field assertion without operator',
      withChange('resource', { fields: [{ path: '{.status.phase}' }] }),
      'fields.0',
    ],
    [
      'an object reference with both name and selector',
      withChange('resource', { object: { kind: 'Pod', name: 'web', selector: 'app=web' } }),
      'object',
    ],
    ['an answer without id', without('answer', 'id'), 'id'],
    ['an answer with an upper-case id', withChange('answer', { id: 'Anzahl' }), 'id'],
    [
      'an answer expected both as value and from an object',
      withChange('answer', {
        expected: { value: 3, object: { kind: 'Node' }, path: '{.items}' },
      }),
      'expected',
    ],
    [
      'an answer with a path that is not a JSONPath',
      withChange('answer', { expected: { object: { kind: 'Pod' }, path: 'status.podIP' } }),
      'expected.path',
    ],
    ['port 70000', withChange('reachability', { port: 70000 }), 'port'],
    ['port 0', withChange('policy', { port: 0 }), 'port'],
    ['an unknown protocol', withChange('policy', { protocol: 'ICMP' }), 'protocol'],
    [
      'a target address that is no IP',
      withChange('sourceIp', { to: { ip: '10.244.1', port: 80 } }),
      'to.ip',
    ],
    [
      'a malformed reachability exception',
      withChange('reachability', { expect: { default: 'deny', except: ['a -> b'] } }),
      'expect.except.0',
    ],
    ['an invalid regular expression', withChange('transcript', { command: '(' }), 'command'],
    ['an exit code above 255', withChange('transcript', { exitCode: 256 }), 'exitCode'],
    ['an empty command', withChange('nodeExec', { command: [] }), 'command'],
    ['a timeout above 300 s', withChange('nodeExec', { timeoutSeconds: 301 }), 'timeoutSeconds'],
    ['an unknown kind', { kind: 'ping' }, 'kind'],
  ])('rejects %s', (_, input, fieldPath) => {
    const result = checkSchema.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(fieldPath);
  });

  it.each<[string, Example, (string | number)[], string]>([
    ['the check', withChange('transcript', { comand: 'kubectl' }), [], 'comand'],
    [
      'a nested object',
      withChange('resource', { object: { kind: 'Pod', name: 'web', nmae: 'web' } }),
      ['object'],
      'nmae',
    ],
    [
      'a pod reference',
      withChange('dns', { from: { pod: 'probe', namespce: 'lab' } }),
      ['from'],
      'namespce',
    ],
  ])('rejects an unknown field in %s', (_, input, fieldPath, key) => {
    expect(checkSchema.safeParse(input).error?.issues).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', path: fieldPath, keys: [key] }),
    );
  });
});

describe('hintSchema', () => {
  it('accepts plain text', () => {
    expect(hintSchema.parse('Schau dir die Knoten an.')).toBe('Schau dir die Knoten an.');
  });

  it('takes notMatches for what the observed value must not match', () => {
    const observed = { matches: '^\\d', notMatches: '^10\\.244\\.' };

    expect(hintSchema.parse({ text: 'Tipp', when: { check: 'a', observed } })).toMatchObject({
      when: { observed },
    });
  });

  it('defaults a conditional hint to the fail status', () => {
    expect(hintSchema.parse({ text: 'Tipp', when: { check: 'anzahl' } })).toEqual({
      text: 'Tipp',
      when: { check: 'anzahl', status: 'fail' },
    });
  });

  it.each<[string, unknown]>([
    ['empty text', ''],
    ['a condition without check', { text: 'Tipp', when: {} }],
    [
      'an invalid regular expression',
      { text: 'Tipp', when: { check: 'a', observed: { matches: '[' } } },
    ],
    [
      'a lookahead RE2 cannot run',
      { text: 'Tipp', when: { check: 'a', observed: { matches: '^(?!10\\.244\\.)' } } },
    ],
    [
      'a lookahead in notMatches',
      { text: 'Tipp', when: { check: 'a', observed: { notMatches: '(?=x)' } } },
    ],
    ['an unknown status', { text: 'Tipp', when: { check: 'a', status: 'timeout' } }],
  ])('rejects %s', (_, input) => {
    expect(hintSchema.safeParse(input).success).toBe(false);
  });
});
