import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { gradeAnswer } from './answer.check.js';

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
    expect(gradeAnswer(answerCheck(), ' 10.244.001.5 ')).toEqual({
      status: 'pass',
      message: 'Richtig.',
      observed: '10.244.001.5',
      expected: '10.244.1.5',
    });
  });

  it('compares a numeric expected value as a number', () => {
    const check = answerCheck({ type: 'number', expected: { value: 3 } });

    expect(gradeAnswer(check, '3,0').status).toBe('pass');
    expect(gradeAnswer(check, '4').status).toBe('fail');
  });

  it('fails a wrong answer without giving the expected value away', () => {
    const outcome = gradeAnswer(answerCheck(), '10.244.2.7');

    expect(outcome).toEqual({
      status: 'fail',
      message: 'Das stimmt noch nicht. Schau dir den Zustand im Terminal noch einmal an.',
      observed: '10.244.2.7',
    });
    expect(JSON.stringify(outcome)).not.toContain('10.244.1.5');
  });

  it('uses the messages of the lab', () => {
    const check = answerCheck({ messages: { pass: 'Genau.', fail: 'Sieh in die Spalte IP.' } });

    expect(gradeAnswer(check, '10.244.1.5').message).toBe('Genau.');
    expect(gradeAnswer(check, '10.244.1.6').message).toBe('Sieh in die Spalte IP.');
  });

  it.each([undefined, '', '   '])('asks for an answer when it is %j', (answer) => {
    expect(gradeAnswer(answerCheck(), answer)).toEqual({
      status: 'fail',
      message: 'Bitte beantworte die Frage: Welche IP-Adresse hat der Pod web?',
    });
  });

  it.each<[AnswerSpec['type'], string, string]>([
    ['ip', 'hallo', 'Gesucht ist eine IP-Adresse (z. B. 10.244.1.5).'],
    ['cidr', '10.244.0.0', 'Gesucht ist ein Netz in CIDR-Schreibweise (z. B. 10.244.0.0/24).'],
    ['number', 'drei', 'Gesucht ist eine Zahl.'],
  ])('explains which kind of answer a %s question wants', (type, answer, message) => {
    const outcome = gradeAnswer(answerCheck({ type }), answer);

    expect(outcome).toMatchObject({ status: 'fail', message, observed: answer });
    expect(outcome).not.toHaveProperty('expected');
  });

  it('reports an answer read from the live cluster as error, not as fail', () => {
    const check = answerCheck({
      expected: { object: { apiVersion: 'v1', kind: 'Pod', name: 'web' }, path: '{.status.podIP}' },
    });

    expect(gradeAnswer(check, '10.244.1.5')).toEqual({
      status: 'error',
      message: expect.stringContaining('Live-Zustand des Clusters'),
    });
  });
});
