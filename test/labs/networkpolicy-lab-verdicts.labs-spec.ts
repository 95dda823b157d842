import { autoCheckable } from '../../src/sessions/auto-check/watched-paths.js';
import { SimLabWalk, type TypedCommand } from '../support/cluster-sim/sim-lab-walk.js';

/**
 * Issue #15 on lab 04-networkpolicy: each case is a false pass or a false fail the review found,
 * played on SimCluster, and shows the verdict the learner deserves.
 */
const LAB = '04-networkpolicy';

const policy = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;

const allPass = (graded: Record<string, string>) =>
  Object.fromEntries(Object.keys(graded).map((id) => [id, 'pass']));

describe(`${LAB}: verdicts`, () => {
  describe('autoCheck: steps 2–4 wait until the learner has seen the effect', () => {
    it.each<[string, TypedCommand]>([
      [
        'default-deny',
        {
          command:
            'kubectl -n monitoring exec prometheus -- curl -sS --max-time 3 http://10.244.1.4:8080/hostname',
          output: 'curl: (28) Connection timed out after 3001 milliseconds',
          exitCode: 28,
        },
      ],
      [
        'frontend-backend',
        {
          command: 'k -n shop exec frontend -- curl -sS --max-time 3 http://backend:8080/hostname',
          output: 'backend',
        },
      ],
      [
        'namespace-selector',
        {
          command:
            'kubectl -n monitoring exec prometheus -- wget -qO- -T 3 http://backend.shop:9090/metrics',
          output: 'backend_http_requests_total 42\n',
        },
      ],
    ])('%s: solved but untried fails; tried passes', async (stepId, trace) => {
      const walk = await (await SimLabWalk.at(LAB, stepId)).solve();
      expect(autoCheckable(walk.step)).toBe(true);
      const untried = await walk.grade();
      expect(Object.entries(untried).filter(([, s]) => s !== 'pass')).toEqual([
        [expect.any(String), 'fail'],
      ]);
      const tried = await walk.grade({ commands: [trace] });
      expect(tried).toEqual(allPass(tried));
    });
  });

  it('namespace-selector: a policy on kubernetes.io/metadata.name passes without a team label', async () => {
    const walk = (await SimLabWalk.at(LAB, 'namespace-selector')).apply(
      policy(
        'metrics',
        `  podSelector: {matchLabels: {app: backend}}
  policyTypes: [Ingress]
  ingress:
    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
      ports: [{protocol: TCP, port: 9090}]
`,
      ),
    );
    const graded = await walk.grade({
      commands: [
        {
          command:
            'kubectl -n monitoring exec prometheus -- curl -s http://backend.shop:9090/metrics',
          output: 'backend_http_requests_total 42',
        },
      ],
    });
    expect(graded).toEqual(allPass(graded));
    expect(Object.keys(graded)).not.toContain('label-monitoring');
  });

  describe('egress-sperre: the resolution that fails must be backend’s, by timeout', () => {
    const seen = async (typed: TypedCommand) => {
      const walk = await (await SimLabWalk.at(LAB, 'egress-sperre')).solve();
      return (await walk.grade({ checks: ['dns-falle'], commands: [typed] }))['dns-falle'];
    };

    it('fails for a typo’s NXDOMAIN', async () => {
      expect(
        await seen({
          command: 'kubectl -n shop exec frontend -- curl -sS --max-time 5 http://bakend:8080/',
          output: 'curl: (6) Could not resolve host: bakend',
          exitCode: 6,
        }),
      ).toBe('fail');
    });

    it('passes for backend timing out', async () => {
      expect(
        await seen({
          command:
            'kubectl -n shop exec frontend -- curl -sS --max-time 5 http://backend:8080/hostname',
          output: 'curl: (28) Resolving timed out after 5000 milliseconds',
          exitCode: 28,
        }),
      ).toBe('pass');
    });
  });

  describe('ipblock: only an ipBlock over the pod network with except passes', () => {
    const egress = (to: string) =>
      policy(
        'allow-frontend-egress-podnetz',
        `  podSelector: {matchLabels: {app: frontend}}
  policyTypes: [Egress]
  egress:
    - to: ${to}
      ports: [{protocol: TCP, port: 8080}]
`,
      );
    const checks = ['matrix-ipblock', 'ausnahme'];
    const graded = async (to: string) =>
      (await SimLabWalk.at(LAB, 'ipblock')).apply(egress(to)).grade({ checks });

    it.each([
      [
        'a namespaceSelector on monitoring',
        '[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]',
      ],
      [
        'a podSelector on prometheus',
        '[{namespaceSelector: {}, podSelector: {matchLabels: {app: prometheus}}}]',
      ],
      ['every namespace', '[{namespaceSelector: {}}]'],
      ['the pod network without except', '[{ipBlock: {cidr: 10.244.0.0/16}}]'],
    ])('the matrix fails for %s', async (_, to) => {
      expect((await graded(to))['matrix-ipblock']).toBe('fail');
    });

    it('names wiki when a selector picks prometheus only', async () => {
      const walk = (await SimLabWalk.at(LAB, 'ipblock')).apply(
        egress('[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]'),
      );
      expect(await walk.hints({ checks })).toEqual([
        expect.stringContaining('frontend erreicht wiki nicht'),
        expect.stringContaining('nutzt `except`'),
      ]);
    });

    it('the worker networks listed one by one reach the same pods, but except is required', async () => {
      expect(
        await graded('[{ipBlock: {cidr: 10.244.1.0/24}}, {ipBlock: {cidr: 10.244.2.0/24}}]'),
      ).toEqual({ 'matrix-ipblock': 'pass', ausnahme: 'fail' });
    });

    it('passes for the pod network except the control plane’s', async () => {
      expect(await graded('[{ipBlock: {cidr: 10.244.0.0/16, except: [10.244.0.0/24]}}]')).toEqual({
        'matrix-ipblock': 'pass',
        ausnahme: 'pass',
      });
    });
  });
});
