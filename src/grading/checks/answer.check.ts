import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { normalizeAnswer } from '../answer-normalizer.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { asText } from '../field-assertion.js';
import { evaluateJsonPath, stripBraces } from '../../kube/json-path.js';
import { describeRef, readObjects } from '../refs/object-refs.js';
import type { KubeReader } from '../../kube/kube-reader.js';
import type { GradeInput } from '../step-grader.js';
import { verdict } from '../outcome.js';

type AnswerSpec = Extract<CheckSpec, { kind: 'answer' }>;

const TYPE_NAMES: Record<AnswerSpec['type'], string> = {
  ip: 'eine IP-Adresse (z. B. 10.244.1.5)',
  cidr: 'ein Netz in CIDR-Schreibweise (z. B. 10.244.0.0/24)',
  name: 'ein Name',
  number: 'eine Zahl',
  text: 'ein Text',
};

/** A malformed answer or none at all, before anything is read from the cluster; else undefined. */
export function precheckAnswer(
  spec: AnswerSpec,
  answer: string | undefined,
): CheckOutcome | undefined {
  if (answer === undefined || answer.trim() === '') {
    return { status: 'fail', message: `Bitte beantworte die Frage: ${spec.prompt}` };
  }
  if (normalizeAnswer(spec.type, answer) === undefined) {
    return { status: 'fail', message: `Gesucht ist ${TYPE_NAMES[spec.type]}.`, observed: answer };
  }
  return undefined;
}

/**
 * Compares the learner's answer with the accepted values after normalising all of them. A live
 * path may yield several values (`{.items[*].spec.podCIDR}`); any of them is right.
 */
export function gradeAnswer(
  spec: AnswerSpec,
  answer: string | undefined,
  accepted: readonly string[],
): CheckOutcome {
  const early = precheckAnswer(spec, answer);
  if (early) return early;
  const given = (answer ?? '').trim();
  const observed = normalizeAnswer(spec.type, given);
  const expected = accepted.map((v) => normalizeAnswer(spec.type, v)).find((v) => v === observed);
  const passed = expected !== undefined;
  const outcome = verdict(spec, passed, {
    pass: 'Richtig.',
    fail: 'Das stimmt noch nicht. Schau dir den Zustand im Terminal noch einmal an.',
    value: given,
    observed: given,
  });
  // The expected value of a failed answer stays out of the result (and its detail): it would give
  // the answer away.
  return passed ? { ...outcome, expected } : outcome;
}

export class AnswerCheck implements CheckEvaluator<'answer'> {
  readonly kind = 'answer' as const;

  async evaluate(spec: AnswerSpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const answer = input.answers[spec.id];
    if ('value' in spec.expected) return gradeAnswer(spec, answer, [String(spec.expected.value)]);
    const early = precheckAnswer(spec, answer);
    if (early) return early;

    const accepted = await acceptedAnswers(spec, await input.kube());
    if ('missing' in accepted) {
      return { status: 'fail', message: accepted.missing, observed: answer?.trim() };
    }
    const values = accepted.values;
    return gradeAnswer(spec, answer, values);
  }
}

/**
 * The values a live answer accepts, read from the cluster now; or why there is none yet (a
 * German sentence). Lab tests take the first one as the reference answer.
 */
export async function acceptedAnswers(
  spec: AnswerSpec,
  kube: KubeReader,
): Promise<{ values: string[] } | { missing: string }> {
  if ('value' in spec.expected) return { values: [String(spec.expected.value)] };
  const { object: ref, path } = spec.expected;
  const objects = await readObjects(kube, ref);
  const what = describeRef(ref);
  if (objects.length === 0) {
    return {
      missing: `${what} gibt es noch nicht, also lässt sich die Antwort nicht vergleichen.`,
    };
  }
  const target = ref.name ? objects[0] : { kind: 'List', items: objects };
  const values = evaluateJsonPath(path, target)
    .filter((v) => v !== null && v !== undefined && v !== '')
    .flatMap((v): unknown[] => (Array.isArray(v) ? v : [v]))
    .map(asText);
  if (values.length === 0) {
    return {
      missing: `${what} hat noch keinen Wert für ${stripBraces(path)}, also lässt sich die Antwort nicht vergleichen.`,
    };
  }
  return { values };
}
