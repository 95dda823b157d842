import { acceptedAnswers } from '../grading/checks/answer.check.js';
import type { KubeReader } from '../kube/kube-reader.js';
import type { LoadedStep } from '../labs/lab.types.js';

/** The answer each `answer` check of the step accepts now, read live: what a lab test types in. */
export async function referenceAnswers(
  step: LoadedStep,
  kube: KubeReader,
): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const check of step.checks) {
    if (check.kind !== 'answer') continue;
    const accepted = await acceptedAnswers(check, kube);
    if ('values' in accepted && accepted.values[0] !== undefined) {
      answers[check.id] = accepted.values[0];
    }
  }
  return answers;
}
