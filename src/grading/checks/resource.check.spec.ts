import { gradeInput } from '../../../test/support/fake-environment-handle.js';
import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import type { CheckSpecOf } from '../check-evaluator.js';
import { ResourceCheck } from './resource.check.js';

type ResourceSpec = CheckSpecOf<'resource'>;

function spec(overrides: Partial<ResourceSpec> = {}): ResourceSpec {
  return {
    id: 'web-laeuft',
    kind: 'resource',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' },
    expect: 'exists',
    fields: [{ path: '{.status.phase}', equals: 'Running' }],
    ...overrides,
  };
}

describe(ResourceCheck.name, () => {
  const check = new ResourceCheck();
  const run = (s: ResourceSpec, kube: FakeKube) => check.evaluate(s, gradeInput({ kube }));

  it('fails on the untouched cluster: the pod is not there yet', async () => {
    await expect(run(spec(), untouched())).resolves.toEqual({
      status: 'fail',
      message: 'Pod „web“ im Namespace „lab“: gibt es noch nicht.',
      see: 'kubectl -n lab get pod web -o wide',
      expected: { count: { min: 1 }, fields: spec().fields },
      observed: { count: 0, fields: {} },
    });
  });

  it('passes once the pod runs', async () => {
    await expect(run(spec(), solved())).resolves.toEqual({
      status: 'pass',
      message: 'Pod „web“ im Namespace „lab“: vorhanden und wie verlangt.',
      see: 'kubectl -n lab get pod web -o wide',
      expected: { count: { min: 1 }, fields: spec().fields },
      observed: { count: 1, fields: { '.status.phase': 'Running' } },
    });
  });

  it('names the field that differs and what it is', async () => {
    const kube = solved();
    const [web] = await kube.list({ apiVersion: 'v1', kind: 'Pod', labelSelector: 'run=web' });
    kube.with({ ...web, status: { phase: 'Pending' } });

    await expect(run(spec(), kube)).resolves.toMatchObject({
      status: 'fail',
      message: 'Pod „web“ im Namespace „lab“: Gefunden wurde „Pending“, verlangt ist „Running“.',
      detail: 'Pod „web“ im Namespace „lab“: .status.phase ist "Pending", verlangt: „Running“.',
      see: 'kubectl -n lab get pod web -o wide',
      observed: { count: 1, fields: { '.status.phase': 'Pending' } },
    });
  });

  it('counts what a selector picks', async () => {
    const db = spec({
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', selector: 'app=db' },
      count: { equals: 2 },
      fields: [],
    });

    await expect(run(db, solved())).resolves.toMatchObject({
      status: 'fail',
      message: 'Pod mit „app=db“ im Namespace „lab“: 3 gefunden, verlangt: genau 2.',
      see: 'kubectl -n lab get pod -l app=db -o wide',
      observed: { count: 3 },
    });
    await expect(run({ ...db, count: { min: 2, max: 3 } }, solved())).resolves.toMatchObject({
      status: 'pass',
    });
  });

  it('asks every selected object a field, except paths on .items', async () => {
    const ready = spec({
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', selector: 'app=db' },
      fields: [{ path: '{.status.conditions[?(@.type=="Ready")].status}', equals: 'True' }],
    });
    const first = spec({
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', selector: 'app=db' },
      fields: [{ path: '{.items[0].metadata.name}', equals: 'db-0' }],
    });

    await expect(run(ready, solved())).resolves.toMatchObject({
      status: 'fail',
      observed: {
        count: 3,
        fields: { '.status.conditions[?(@.type=="Ready")].status': ['True', 'True', 'False'] },
      },
    });
    await expect(run(first, solved())).resolves.toMatchObject({ status: 'pass' });
  });

  it('checks that an object is gone', async () => {
    const gone = spec({
      object: { apiVersion: 'v1', kind: 'Service', namespace: 'lab', name: 'web' },
      expect: 'absent',
      fields: [],
    });

    await expect(run(gone, untouched())).resolves.toMatchObject({
      status: 'pass',
      observed: { count: 0 },
    });
    await expect(run(gone, solved())).resolves.toEqual({
      status: 'fail',
      message: 'Service „web“ im Namespace „lab“: noch vorhanden, sollte aber weg sein.',
      see: 'kubectl -n lab get service web -o yaml',
      expected: { absent: true },
      observed: { count: 1 },
    });
  });

  it('reads cluster-scoped kinds and objects of other API groups', async () => {
    const policies = spec({
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'lab' },
      count: { min: 2 },
      fields: [],
    });
    const cidr = spec({
      object: { apiVersion: 'v1', kind: 'Node', name: 'kl-test-worker' },
      fields: [{ path: '{.spec.podCIDR}', matches: '^10\\.244\\.' }],
    });

    await expect(run(policies, untouched())).resolves.toMatchObject({ status: 'fail' });
    await expect(run(policies, solved())).resolves.toMatchObject({ status: 'pass' });
    await expect(run(cidr, untouched())).resolves.toMatchObject({ status: 'pass' });
  });

  it('with createdInStep, passes only when every selected object is younger than the step', async () => {
    const stepStartedAt = new Date('2026-11-23T09:00:00.600Z');
    const pod = (name: string, creationTimestamp: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'lab', labels: { app: 'web' }, creationTimestamp },
    });
    const replaced = spec({
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', selector: 'app=web' },
      count: { equals: 2 },
      fields: [],
      createdInStep: true,
    });
    const grade = (...pods: ReturnType<typeof pod>[]) =>
      check.evaluate(replaced, gradeInput({ kube: new FakeKube([]).with(...pods), stepStartedAt }));

    await expect(
      grade(pod('web-a', '2026-11-23T08:40:00Z'), pod('web-b', '2026-11-23T08:40:01Z')),
    ).resolves.toMatchObject({
      status: 'fail',
      message:
        'Pod mit „app=web“ im Namespace „lab“: 2 von 2 gab es schon, bevor dieser Schritt begann.',
      observed: { count: 2, createdBeforeStep: 2 },
    });
    await expect(
      grade(pod('web-a', '2026-11-23T08:40:00Z'), pod('web-c', '2026-11-23T09:03:00Z')),
    ).resolves.toMatchObject({ status: 'fail', observed: { createdBeforeStep: 1 } });
    // The step's first second counts: creationTimestamp has no fractions.
    await expect(
      grade(pod('web-c', '2026-11-23T09:00:00Z'), pod('web-d', '2026-11-23T09:03:00Z')),
    ).resolves.toMatchObject({ status: 'pass', observed: { count: 2, createdBeforeStep: 0 } });
  });

  it('uses the lab’s own messages', async () => {
    const own = spec({ messages: { pass: 'Läuft.', fail: 'Starte den Pod web.' } });

    await expect(run(own, untouched())).resolves.toMatchObject({ message: 'Starte den Pod web.' });
    await expect(run(own, solved())).resolves.toMatchObject({ message: 'Läuft.' });
  });

  it('lets an unreachable API surface for the engine to report as error', async () => {
    await expect(run(spec(), FakeKube.unreachable())).rejects.toMatchObject({
      name: 'KubeApiError',
      reason: 'unreachable',
    });
  });
});
