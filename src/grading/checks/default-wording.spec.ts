import {
  FakeEnvironmentHandle,
  gradeInput,
  ok,
  recorded,
  recordedText,
} from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import type { TranscriptCommand } from '../transcript-reader.repository.js';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { learnerTextProblem } from '../../labs/lint/learner-text.js';
import type { CheckOutcome } from '../check-evaluator.js';
import { gradeAnswer } from './answer.check.js';
import { ConnectivityCheck } from './connectivity.check.js';
import { DnsCheck } from './dns.check.js';
import { KubeProxyRulesCheck } from './kube-proxy-rules.check.js';
import { NodeExecCheck } from './node-exec.check.js';
import { PolicyCheck } from './policy.check.js';
import { ReachabilityCheck } from './reachability.check.js';
import { ResourceCheck } from './resource.check.js';
import { SourceIpCheck } from './source-ip.check.js';
import { TranscriptCheck } from './transcript.check.js';

type Spec<K extends CheckSpec['kind']> = Extract<CheckSpec, { kind: K }> & { id: string };

const untouched = () => FakeKube.of('kind-base', 'lab-untouched');
const solved = () => FakeKube.of('kind-base', 'lab-untouched', 'lab-solved');
const lab = { namespace: 'lab', pod: 'probe' };
const pods = [lab, { namespace: 'lab', selector: 'app in (other,echo)' }];
const matrix = {
  pods,
  port: 8080,
  protocol: 'TCP' as const,
  expect: { default: 'deny' as const, except: [] },
};

/**
 * Issue #18: the sentence each check kind says on its own when a lab gives none is learner
 * German — no JSONPath, pattern, script or escaped JSON; the technical side goes to `detail`.
 * One failing case per kind, on the recorded fixtures of the kinds' own tests.
 */
const FAILING: [string, () => Promise<CheckOutcome>][] = [
  [
    'resource: a field with another value',
    async () => {
      const kube = solved();
      const [web] = await kube.list({ apiVersion: 'v1', kind: 'Pod', labelSelector: 'run=web' });
      kube.with({ ...web, status: { phase: 'Pending' } });
      const spec: Spec<'resource'> = {
        id: 'web',
        kind: 'resource',
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' },
        expect: 'exists',
        fields: [
          { path: '{.status.phase}', equals: 'Running' },
          { path: '{.status.podIP}', matches: '^10\\.' },
        ],
      };
      return new ResourceCheck().evaluate(spec, gradeInput({ kube }));
    },
  ],
  [
    'answer: a wrong one',
    () => {
      const spec: Spec<'answer'> = {
        id: 'ip',
        kind: 'answer',
        prompt: 'Welche IP hat web?',
        type: 'ip',
        expected: { value: '10.244.1.5' },
      };
      return Promise.resolve(gradeAnswer(spec, '10.244.2.7', ['10.244.1.5']));
    },
  ],
  [
    'transcript: a command of the right shape that failed',
    () => {
      const spec: Spec<'transcript'> = {
        id: 'befehl',
        kind: 'transcript',
        command: '^kubectl get (nodes|node|no)\\b',
        exitCode: 0,
        output: '^NAME\\s+STATUS',
        since: 'session',
      };
      const typed: TranscriptCommand = {
        terminal: 'main',
        command: 'kubectl get nodes --bad',
        exitCode: 1,
        output: 'error: unknown flag: --bad',
        startedAt: new Date('2026-11-23T10:00:00Z'),
      };
      return new TranscriptCheck().evaluate(spec, gradeInput({ transcript: [typed] }));
    },
  ],
  [
    'nodeExec: a JSON field and an output pattern',
    () => {
      const spec: Spec<'nodeExec'> = {
        id: 'route',
        kind: 'nodeExec',
        node: 'worker',
        command: ['ip', '-j', 'route'],
        expect: {
          exitCode: 0,
          stdout: { matches: '"dst":"10\\.244\\.2\\.0/24"' },
          json: [{ path: '{.[?(@.dst=="10.244.2.0/24")].gateway}', equals: '172.18.0.4' }],
        },
      };
      const handle = new FakeEnvironmentHandle().onNode(
        'kl-test-worker',
        ['ip'],
        ok(recordedText('ip-route/worker.untouched.txt')),
      );
      return new NodeExecCheck().evaluate(spec, gradeInput({ handle }));
    },
  ],
  [
    'nodeExec: a script that finds nothing',
    () => {
      const spec: Spec<'nodeExec'> = {
        id: 'nat',
        kind: 'nodeExec',
        node: 'worker',
        command: ['sh', '-c', 'conntrack -L 2>/dev/null | grep src=1'],
        expect: { exitCode: 0, stdout: { matches: 'src=192\\.168' } },
      };
      const handle = new FakeEnvironmentHandle().onNode('kl-test-worker', ['sh'], ok(''));
      return new NodeExecCheck().evaluate(spec, gradeInput({ handle, environment: 'container' }));
    },
  ],
  [
    'connectivity: the target is missing',
    () => {
      const spec: Spec<'connectivity'> = {
        id: 'web',
        kind: 'connectivity',
        from: lab,
        to: { namespace: 'lab', pod: 'web', port: 80, protocol: 'TCP' },
        expect: 'allow',
      };
      return new ConnectivityCheck().evaluate(
        spec,
        gradeInput({ kube: untouched(), handle: new FakeEnvironmentHandle() }),
      );
    },
  ],
  [
    'dns: NXDOMAIN for a name that should resolve',
    () => {
      const spec: Spec<'dns'> = {
        id: 'web-dns',
        kind: 'dns',
        from: lab,
        query: 'web',
        type: 'A',
        expect: { serviceIp: { namespace: 'lab', name: 'web' } },
      };
      const handle = new FakeEnvironmentHandle().onPod(
        'lab/probe',
        ['dig', '+search', '+showsearch', '+time=2', '+tries=2', 'web'],
        ok(recordedText('dig/showsearch-web-a.untouched.txt')),
      );
      return new DnsCheck().evaluate(spec, gradeInput({ kube: solved(), handle }));
    },
  ],
  [
    'sourceIp: the server cannot be reached',
    () => {
      const spec: Spec<'sourceIp'> = {
        id: 'client-ip',
        kind: 'sourceIp',
        from: { node: 'worker' },
        to: { ip: '172.18.0.4', port: 30080, protocol: 'TCP' },
        expect: 'clientIp',
      };
      const handle = new FakeEnvironmentHandle().onNode(
        'kl-test-worker',
        ['curl'],
        recorded('curl-clientip', 'timeout'),
      );
      return new SourceIpCheck().evaluate(spec, gradeInput({ kube: untouched(), handle }));
    },
  ],
  [
    'kubeProxyRules: a service without ready endpoints',
    () => {
      const spec: Spec<'kubeProxyRules'> = {
        id: 'regeln',
        kind: 'kubeProxyRules',
        node: 'worker',
        service: { namespace: 'ns6', name: 'svc6' },
      };
      const handle = new FakeEnvironmentHandle().onNode(
        'kl-test-worker',
        ['iptables-save', '-t', 'nat'],
        ok(recordedText('iptables-save/nat.overall-nonfacct.txt')),
      );
      return new KubeProxyRulesCheck().evaluate(
        spec,
        gradeInput({ kube: FakeKube.of('kube-proxy-overall'), handle }),
      );
    },
  ],
  [
    'policy: everything allowed without policies',
    () =>
      new PolicyCheck().evaluate(
        { id: 'matrix', kind: 'policy', ...matrix },
        gradeInput({ kube: untouched() }),
      ),
  ],
  [
    'reachability: every pod reaches every other',
    () => {
      const connected = recorded('agnhost-connect', 'tcp-connected');
      const handle = new FakeEnvironmentHandle()
        .onPod('lab/probe', ['/agnhost'], connected)
        .onPod('lab/other', ['/agnhost'], connected)
        .onPod('lab/echo', ['/agnhost'], connected);
      return new ReachabilityCheck().evaluate(
        { id: 'matrix', kind: 'reachability', ...matrix },
        gradeInput({ kube: untouched(), handle }),
      );
    },
  ],
];

describe('the default sentences of every check kind', () => {
  it.each(FAILING)('%s: a learner sentence, the internals in detail', async (_, failing) => {
    const outcome = await failing();

    expect(outcome.status).toBe('fail');
    expect(outcome.message).not.toBe('');
    expect(learnerTextProblem(outcome.message)).toBeUndefined();
  });

  it('keeps the JSONPath and the pattern for the instructor', async () => {
    const [, failing] = FAILING[3];
    const nodeExec = await failing();

    expect(nodeExec.detail).toContain('.[?(@.dst=="10.244.2.0/24")].gateway');
    expect(nodeExec.detail).toContain('/"dst":"10\\.244\\.2\\.0/24"/');
    // What the learner used to read is what the rule refuses.
    expect(learnerTextProblem(nodeExec.detail ?? '')).toBe('enthält einen JSONPath');
  });
});
