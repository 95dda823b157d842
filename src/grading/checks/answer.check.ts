import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { normalizeAnswer } from '../answer-normalizer.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import type { GradeInput } from '../step-grader.js';

type AnswerSpec = Extract<CheckSpec, { kind: 'answer' }>;

const TYPE_NAMES: Record<AnswerSpec['type'], string> = {
  ip: 'eine IP-Adresse (z. B. 10.244.1.5)',
  cidr: 'ein Netz in CIDR-Schreibweise (z. B. 10.244.0.0/24)',
  name: 'ein Name',
  number: 'eine Zahl',
  text: 'ein Text',
};

/**
 * Compares the learner's answer with the expected value after normalising both.
 * Values read live from the cluster (`expected.object`) come with the grading engine (#5).
 */
export function gradeAnswer(spec: AnswerSpec, answer: string | undefined): CheckOutcome {
  if (!('value' in spec.expected)) {
    return {
      status: 'error',
      message:
        'Diese Antwort wird mit dem Live-Zustand des Clusters verglichen; das kann diese Version noch nicht.',
    };
  }
  if (answer === undefined || answer.trim() === '') {
    return { status: 'fail', message: `Bitte beantworte die Frage: ${spec.prompt}` };
  }
  const observed = normalizeAnswer(spec.type, answer);
  if (observed === undefined) {
    return { status: 'fail', message: `Gesucht ist ${TYPE_NAMES[spec.type]}.`, observed: answer };
  }
  const expected = normalizeAnswer(spec.type, String(spec.expected.value));
  const passed = observed === expected;
  return {
    status: passed ? 'pass' : 'fail',
    message: passed
      ? (spec.messages?.pass ?? 'Richtig.')
      : (spec.messages?.fail ??
        'Das stimmt noch nicht. Schau dir den Zustand im Terminal noch einmal an.'),
    observed: answer.trim(),
    // The expected value of a failed answer stays hidden: showing it would give the answer away.
    ...(passed ? { expected } : {}),
  };
}

export class AnswerCheck implements CheckEvaluator<'answer'> {
  readonly kind = 'answer' as const;

  evaluate(spec: AnswerSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    return Promise.resolve(gradeAnswer(spec, input.answers[spec.id]));
  }
}
