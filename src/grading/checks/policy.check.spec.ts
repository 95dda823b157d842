import fs from 'node:fs';
import path from 'node:path';
import { gradeInput } from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import { NETPOL_TRUTH_DIR } from '../../../test/support/netpol-truth.js';
import { onlyProbeMatrix } from '../../../test/support/only-probe-matrix.js';
import { matchingHints } from '../hint-matcher.js';
import type { KubeObject } from '../../kube/kube-reader.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { PolicyCheck } from './policy.check.js';

type PolicySpec = CheckSpecOf<'policy'>;

const SPEC: PolicySpec = onlyProbeMatrix('policy');

describe(PolicyCheck.name, () => {
  const check = new PolicyCheck();
  const run = (s: PolicySpec, kube: FakeKube) => check.evaluate(s, gradeInput({ kube }));

  it('fails on the untouched cluster: without policies everything is allowed', async () => {
    const outcome = await run(SPEC, untouched());

    expect(outcome).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        /^4 Verbindungen verhalten sich anders als verlangt: lab\/echo → lab\/probe ist erlaubt, sollte aber blockiert sein;/,
      ),
      observed: { default: 'deny', selectedPods: {} },
    });
    expect((outcome.observed as { explanation: string[] }).explanation).toContain(
      '  lab/probe ist für Ingress nicht isoliert: keine NetworkPolicy mit policyType Ingress wählt den Pod aus, also ist alles erlaubt.',
    );
  });

  it('passes the solved cluster, and tells how many pods each policy selects', async () => {
    await expect(run(SPEC, solved())).resolves.toEqual({
      status: 'pass',
      message:
        'Deine NetworkPolicies erlauben und blockieren genau die verlangten Verbindungen auf Port 8080/TCP.',
      expected: { ...SPEC.expect, port: 8080, protocol: 'TCP' },
      observed: {
        default: 'deny',
        except: ['lab/probe -> lab/echo', 'lab/probe -> lab/other'],
        // The 7 pods in lab: probe, other, echo, db-0…2 and web.
        selectedPods: { 'lab/allow-from-probe': 7, 'lab/default-deny-ingress': 7 },
      },
    });
  });

  it('passes any YAML with the same meaning', async () => {
    const [allow] = await solved().list({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      namespace: 'lab',
    });
    const sameMeaning = {
      ...allow,
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'lab' } },
                podSelector: {
                  matchExpressions: [{ key: 'app', operator: 'In', values: ['probe'] }],
                },
              },
            ],
            ports: [{ port: 'http' }, { port: 8080 }],
          },
        ],
      },
    };
    const kube = solved().with(sameMeaning);

    await expect(run(SPEC, kube)).resolves.toMatchObject({ status: 'pass' });
  });

  it('reports a policy that selects no pod, so a hint can ask about its labels', async () => {
    const [deny] = await solved().list({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      namespace: 'lab',
      labelSelector: undefined,
    });
    const typo = {
      ...deny,
      metadata: { ...(deny?.metadata as object), name: 'tippfehler' },
      spec: { podSelector: { matchLabels: { app: 'ehco' } } },
    };
    const kube = untouched().with(typo);

    const outcome = await run(SPEC, kube);
    const hint = 'Deine Policy wählt keinen Pod aus – stimmen die Labels?';

    expect(outcome).toMatchObject({
      status: 'fail',
      observed: { selectedPods: { 'lab/tippfehler': 0 } },
    });
    expect(
      matchingHints(
        [
          {
            text: hint,
            when: {
              check: 'nur-probe',
              status: 'fail',
              observed: { contains: '"lab/tippfehler":0' },
            },
          },
        ],
        [{ id: 'nur-probe', kind: 'policy', durationMs: 1, ...outcome }],
      ),
    ).toEqual([hint]);
  });

  it('agrees with the upstream e2e expectations on a recorded kubectl bundle', async () => {
    // Case e2e-latest-01 step 1 (kubectl-shaped, see test/fixtures/upstream/README.md): the
    // expected matrix over x/a, x/b, x/c, y/a … comes from k8s-e2e-netpol-cases.latest.json.
    const bundles = JSON.parse(
      fs.readFileSync(
        path.join(NETPOL_TRUTH_DIR, 'k8s-e2e-netpol-cases.latest.kubectl-bundles.json'),
        'utf8',
      ),
    ) as { bundles: Record<string, { items: KubeObject[] } | string | number>[] };
    const truth = JSON.parse(
      fs.readFileSync(path.join(NETPOL_TRUTH_DIR, 'k8s-e2e-netpol-cases.latest.json'), 'utf8'),
    ) as {
      cases: {
        id: string;
        steps: {
          probes: {
            port: number;
            protocol: 'TCP';
            expected: Record<string, Record<string, boolean>>;
          }[];
        }[];
      }[];
    };
    const bundle = bundles.bundles[0] as Record<string, { items: KubeObject[] }>;
    const objects = Object.values(bundle).flatMap((v) => (typeof v === 'object' ? v.items : []));
    const probe = truth.cases.find((c) => c.id === 'e2e-latest-01')?.steps[0]?.probes[0];
    if (!probe) throw new Error('truth case e2e-latest-01 is missing');
    const pods = Object.keys(probe.expected);
    const except = pods.flatMap((from) =>
      pods
        .filter((to) => to !== from && !probe.expected[from]?.[to])
        .map((to) => `${from} -> ${to}`),
    );
    const e2e: PolicySpec = {
      id: 'e2e',
      kind: 'policy',
      pods: [...new Set(pods.map((p) => p.split('/')[0] ?? ''))].map((namespace) => ({
        namespace,
        selector: 'pod',
      })),
      port: probe.port,
      protocol: probe.protocol,
      expect: { default: 'allow', except },
    };

    await expect(run(e2e, new FakeKube(objects))).resolves.toMatchObject({ status: 'pass' });
    await expect(
      run({ ...e2e, expect: { default: 'allow', except: [] } }, new FakeKube(objects)),
    ).resolves.toMatchObject({ status: except.length > 0 ? 'fail' : 'pass' });
  });

  it('cannot look when a named pod is gone', async () => {
    const kube = solved().without('Pod', 'lab', 'probe');

    await expect(run(SPEC, kube)).rejects.toThrow('Der Pod „lab/probe“, den diese Prüfung braucht');
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(SPEC, FakeKube.unreachable())).rejects.toMatchObject({ name: 'KubeApiError' });
  });
});
