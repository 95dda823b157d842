import { FakeKube } from '../../../test/support/fake-kube.js';
import { solved, untouched } from '../../../test/support/recorded-cluster.js';
import { gradeInput } from '../../../test/support/fake-environment-handle.js';
import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { AnswerCheck, gradeAnswer } from './answer.check.js';

type AnswerSpec = Extract<CheckSpec, { kind: 'answer' }>;

function answerCheck(overrides: Partial<AnswerSpec> = {}): AnswerSpec {
  return {
    id: 'pod-ip',
    kind: 'answer',
    prompt: 'Welche IP-Adresse hat der Pod web?',
    type: 'ip',
    expected: { value: '10.244.1.5' },
    ...overrides,
  };
}

describe(gradeAnswer.name, () => {
  it('passes an answer equal to the expected value after normalising both', () => {
    expect(gradeAnswer(answerCheck(), ' 10.244.001.5 ', ['10.244.1.5'])).toEqual({
      status: 'pass',
      message: 'Richtig.',
      observed: '10.244.001.5',
      expected: '10.244.1.5',
    });
  });

  it('compares a numeric expected value as a number', () => {
    const check = answerCheck({ type: 'number', expected: { value: 3 } });

    expect(gradeAnswer(check, '3,0', ['3']).status).toBe('pass');
    expect(gradeAnswer(check, '4', ['3']).status).toBe('fail');
  });

  it('fails a wrong answer without giving the expected value away', () => {
    const outcome = gradeAnswer(answerCheck(), '10.244.2.7', ['10.244.1.5']);

    expect(outcome).toEqual({
      status: 'fail',
      message: 'Das stimmt noch nicht. Schau dir den Zustand im Terminal noch einmal an.',
      observed: '10.244.2.7',
    });
    expect(JSON.stringify(outcome)).not.toContain('10.244.1.5');
  });

  it('uses the messages of the lab', () => {
    const check = answerCheck({ messages: { pass: 'Genau.', fail: 'Sieh in die Spalte IP.' } });

    expect(gradeAnswer(check, '10.244.1.5', ['10.244.1.5']).message).toBe('Genau.');
    expect(gradeAnswer(check, '10.244.1.6', ['10.244.1.5']).message).toBe('Sieh in die Spalte IP.');
  });

  it.each([undefined, '', '   '])('asks for an answer when it is %j', (answer) => {
    expect(gradeAnswer(answerCheck(), answer, ['10.244.1.5'])).toEqual({
      status: 'fail',
      message: 'Bitte beantworte die Frage: Welche IP-Adresse hat der Pod web?',
    });
  });

  it.each<[AnswerSpec['type'], string, string]>([
    ['ip', 'hallo', 'Gesucht ist eine IP-Adresse (z. B. 10.244.1.5).'],
    ['cidr', '10.244.0.0', 'Gesucht ist ein Netz in CIDR-Schreibweise (z. B. 10.244.0.0/24).'],
    ['number', 'drei', 'Gesucht ist eine Zahl.'],
  ])('explains which kind of answer a %s question wants', (type, answer, message) => {
    const outcome = gradeAnswer(answerCheck({ type }), answer, ['10.244.1.5']);

    expect(outcome).toMatchObject({ status: 'fail', message, observed: answer });
    expect(outcome).not.toHaveProperty('expected');
  });
});

describe(AnswerCheck.name, () => {
  const check = new AnswerCheck();
  const podIp = answerCheck({
    expected: {
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'lab', name: 'web' },
      path: '{.status.podIP}',
    },
  });
  const workerCidr = answerCheck({
    id: 'podcidr-worker',
    type: 'cidr',
    expected: {
      object: {
        apiVersion: 'v1',
        kind: 'Node',
        selector: '!node-role.kubernetes.io/control-plane',
      },
      path: '{.items[*].spec.podCIDR}',
    },
  });
  const run = (spec: AnswerSpec, answer: string, kube = solved()) =>
    check.evaluate(
      { ...spec, id: spec.id ?? 'pod-ip' },
      gradeInput({ kube, answers: { [spec.id ?? 'pod-ip']: answer } }),
    );

  it('passes the IP the live pod has', async () => {
    await expect(run(podIp, '10.244.2.5')).resolves.toEqual({
      status: 'pass',
      message: 'Richtig.',
      observed: '10.244.2.5',
      expected: '10.244.2.5',
    });
  });

  it('fails another IP without giving the live one away', async () => {
    const outcome = await run(podIp, '10.244.2.6');

    expect(outcome).toMatchObject({ status: 'fail', observed: '10.244.2.6' });
    expect(JSON.stringify(outcome)).not.toContain('10.244.2.5');
  });

  it('fails while the pod does not exist yet, saying so', async () => {
    await expect(run(podIp, '10.244.2.5', untouched())).resolves.toEqual({
      status: 'fail',
      message:
        'Pod „web“ im Namespace „lab“ gibt es noch nicht, also lässt sich die Antwort nicht vergleichen.',
      observed: '10.244.2.5',
    });
  });

  it('fails while the pod has no IP yet', async () => {
    const kube = solved();
    const [web] = await kube.list({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'lab',
      labelSelector: 'run=web',
    });
    kube.with({ ...web, status: { phase: 'Pending' } });

    await expect(run(podIp, '10.244.2.5', kube)).resolves.toMatchObject({
      status: 'fail',
      message: expect.stringContaining('hat noch keinen Wert für .status.podIP'),
    });
  });

  it("accepts the podCIDR of any worker a selector picks, and not the control plane's", async () => {
    await expect(run(workerCidr, '10.244.1.0/24')).resolves.toMatchObject({ status: 'pass' });
    await expect(run(workerCidr, '10.244.2.0/24')).resolves.toMatchObject({ status: 'pass' });
    await expect(run(workerCidr, '10.244.0.0/24')).resolves.toMatchObject({ status: 'fail' });
  });

  it('does not ask the cluster about an empty or malformed answer', async () => {
    const kube = FakeKube.unreachable();

    await expect(run(podIp, '', kube)).resolves.toMatchObject({ status: 'fail' });
    await expect(run(podIp, 'zehn', kube)).resolves.toMatchObject({ status: 'fail' });
  });

  it('lets an unreachable API surface as an error for the engine to report', async () => {
    await expect(run(podIp, '10.244.2.5', FakeKube.unreachable())).rejects.toMatchObject({
      name: 'KubeApiError',
      reason: 'unreachable',
    });
  });
});
